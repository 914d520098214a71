"""TensorFlow 2's own API, as the page's "Migrate to TF2" section uses it (spec group "tf2": TF2-*).

The migrated example (a Keras optimizer under tf.GradientTape), and the second option: "Manually create and
increment a tf.Variable", the way a v1 user writes it: tf.Variable(0, dtype=tf.int64, trainable=False) and a
training step, usually a tf.function, that calls assign_add(1). Steps are drawn compiled or eager, fed inputs that
make TensorFlow trace again, and counters made in each way the API takes.
"""

import dataclasses

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from harness import assertions as ah
from harness.outcomes import checking
from harness.program import Program
from tests import counters as ct
from tests import eager as eg

INT32_MAX = 2**31 - 1


@pytest.mark.clause("TF2-EXAMPLE-MIGRATED")
def test_the_migrated_example_with_a_gradient_tape_prints_zero_then_one(tf2):
    """The page's migrated example, verbatim: iterations reads 0 before training and 1 after; v is 3.03."""
    p = Program(tf2)
    p.define('''
def compute_loss(x):
  v = tf.Variable(3.0)
  y = x * v
  loss = x * 5 - x * v
  return loss, [v]
''', "compute_loss")
    p.define('''
def train(optimizer):
  with tf.GradientTape() as tape:
    loss, var_list = compute_loss(3)
    grads = tape.gradient(loss, var_list)
    optimizer.apply_gradients(zip(grads, var_list))
  return var_list
''', "train")
    optimizer = p.eval("tf.keras.optimizers.SGD(.01)", as_="optimizer")
    ah.assert_equal(p, "int(before)", eg.count(p, optimizer.iterations, "before"), 0)
    var_list = p.eval(f"train({p.ref(optimizer)})", as_="var_list")
    ah.assert_equal(p, "int(after)", eg.count(p, optimizer.iterations, "after"), 1)
    value = p.eval(f"round(float({p.ref(var_list)}[0].numpy()), 5)", as_="v")
    ah.assert_equal(p, "v", value, 3.03)


@pytest.mark.clause("TF2-VAR-CREATE-AT-ZERO", "TF2-VAR-CREATE-INT64", "TF2-VAR-CREATE-NOT-TRAINABLE")
@given(counter=eg.counters)
@example(counter=eg.Counter())
@example(counter=eg.Counter(initial="constant", dtype="'int64'", name=None))
@example(counter=eg.Counter(initial="callable_int"))  # only dtype= makes the int a function returns int64
@example(counter=eg.EVERY_OPTION)
@example(counter=eg.Counter(on_read=True, options=("aggregation=tf.VariableAggregation.SUM",)))
def test_a_hand_made_counter_is_a_non_trainable_int64_zero(tf2, counter):
    """tf.Variable(0, dtype=tf.int64, trainable=False) is a scalar 0, int64, and no tape watches it."""
    p = Program(tf2)
    step = eg.make_counter(p, counter)
    with checking("TF2-VAR-CREATE-AT-ZERO"):
        ah.assert_equal(p, "tuple(global_step.shape)", tuple(p.eval(f"tuple({p.ref(step)}.shape)")), ())
        eg.assert_count(p, step, 0)
    with checking("TF2-VAR-CREATE-INT64"):
        ah.assert_equal(p, "global_step.dtype == tf.int64", p.eval(f"{p.ref(step)}.dtype == tf.int64"), True)
    with checking("TF2-VAR-CREATE-NOT-TRAINABLE"):
        ah.assert_equal(p, "global_step.trainable", p.eval(f"{p.ref(step)}.trainable"), False)
        w = p.eval("tf.Variable(1.0)", as_="w")
        tape_options = {"persistent": True, "watch_accessed_variables": True} if counter.options else {}
        with p.within("GradientTape", **tape_options, as_="tape") as tape:
            loss = p.eval(f"{p.ref(w)} * 2.0 + tf.cast({p.ref(step)}, tf.float32)", as_="loss")
        watched = p.eval(f"[v is {p.ref(step)} for v in {p.ref(tape)}.watched_variables()]", as_="watched")
        ah.assert_equal(p, "any(watched)", any(watched), False)
        grads = p.method(tape, "gradient", loss, [w, step], as_="grads")
        ah.assert_none(p, "grads[1]", grads[1])


@pytest.mark.clause("TF2-VAR-CREATE-INT64")
@given(below=st.integers(0, 3), steps=st.integers(1, 4), run=st.sampled_from(eg.RUNS),
       increment=st.sampled_from(eg.INCREMENTS), counter=eg.counters)
@example(below=0, steps=1, run="function", increment=eg.INCREMENTS[0], counter=eg.Counter())
@example(below=1, steps=3, run="jit_compile", increment=eg.INCREMENTS[4], counter=eg.EVERY_OPTION)
def test_an_int64_counter_counts_past_int32(tf2, below, steps, run, increment, counter):
    """A counter made int64 at 2**31 - 1 - below counts on past 2**31 - 1 without wrapping."""
    p = Program(tf2)
    start = INT32_MAX - below
    step = eg.make_counter(p, dataclasses.replace(counter, start=start))
    bump = eg.define_step(p, run, "  " + increment.format(s="{global_step}") + "\n",
                          {"global_step": p.ref(step)}, parameters="", name="bump", signature="[]")
    for _ in range(steps):
        p.eval(f"{p.ref(bump)}()")
    eg.assert_count(p, step, start + steps)


def optimizer_arguments(tf2, optimizer: str, options) -> str:
    """``0.01`` and the options (ct.Options, a float rate) that the backend's Keras optimizer declares, as Python."""
    chosen = ct.chosen_options(optimizer, options)
    return ", ".join(["0.01", *(f"{key}={value!r}" for key, value in chosen.items()
                               if ct.declares(tf2, optimizer, key, namespace="keras.optimizers"))])


def _training_step(p, run: str, step, w, *, increment: str = eg.INCREMENTS[0], read: str | None = None):
    """``train_step(x, scale)``: one gradient-descent update of ``w``, then the increment, the step run as ``run``
    says (eg.RUNS); with ``read``, it returns the counter read before and after the increment, the second read as
    ``read`` says: "read_value" (``global_step.read_value()``) or "assign_add" (the value ``assign_add(1)``
    returns)."""
    body = ("  with tf.GradientTape() as tape:\n"
            "    loss = tf.reduce_sum({w} * x) * scale\n"
            "  {w}.assign_sub(0.01 * tape.gradient(loss, {w}))\n")
    if read:
        after = ("  {global_step}.assign_add(1)\n  after = {global_step}.read_value()\n" if read == "read_value"
                 else "  after = {global_step}.assign_add(1)\n")
        body = "  before = {global_step}.read_value()\n" + body + after + "  return before, after\n"
    else:
        body += "  " + increment.format(s="{global_step}") + "\n  return loss\n"
    return eg.define_step(p, run, body, {"global_step": p.ref(step), "w": p.ref(w)})


def every_run(test):
    """``test`` with an explicit example per way a step runs (eg.RUNS): each is its own code path in TensorFlow
    (tracing, retracing, XLA, a concrete function, a bound method), so each is run on every seed; counters, increments
    and call shapes vary with it."""
    counters = (eg.Counter(), eg.EVERY_OPTION, eg.Counter(initial="callable"), eg.Counter(on_read=True))
    for i, run in enumerate(eg.RUNS):
        test = example(counter=counters[i % len(counters)], run=run, increment=eg.INCREMENTS[i % len(eg.INCREMENTS)],
                       calls=[(0, 1), (0, 1), (2, 1), (0, 2)] if i % 2 else [(1, 1), (3, 2)],
                       keyword=run in ("concrete", "module", "input_signature") or i % 3 == 1)(test)
    return test


@pytest.mark.clause("TF2-VAR-ADDS-ONE-PER-CALL")
@given(counter=eg.counters, run=st.sampled_from(eg.RUNS), increment=st.sampled_from(eg.INCREMENTS),
       calls=st.lists(eg.INPUTS, min_size=1, max_size=6), keyword=st.booleans())
@every_run
def test_each_call_of_a_training_step_adds_one(tf2, counter, run, increment, calls, keyword):
    """After the k-th call of a step that adds 1 to the counter it reads k, however the step runs."""
    p = Program(tf2)
    step = eg.make_counter(p, counter)
    w = p.eval("tf.Variable(1.0)", as_="w")
    train_step = _training_step(p, run, step, w, increment=increment)
    for done, (length, scale) in enumerate(calls, start=1):  # keyword: scale passed as scale=
        p.eval(f"{p.ref(train_step)}({eg.feed(length)}, {'scale=' if keyword else ''}{scale})", as_="loss")
        eg.assert_count(p, step, done)


#: How two training steps share one definition: a factory returning a closure (compiled or eager), or one
#: tf.Module class with a tf.function method and two instances (the function binds to each instance).
SHARINGS = ("factory", "compiled factory", "module")


@pytest.mark.clause("TF2-VAR-ADDS-ONE-PER-CALL")
@given(sharing=st.sampled_from(SHARINGS), order=st.lists(st.booleans(), min_size=1, max_size=6))
@example(sharing="compiled factory", order=[True, False, False, True])
@example(sharing="module", order=[True, False, True])
def test_steps_made_by_one_factory_count_into_their_own_counters(tf2, sharing, order):
    """Two steps from one definition (a factory, a Module class) each add 1 per call to their own counter."""
    p = Program(tf2)
    if sharing == "module":
        p.define("class Trainer(tf.Module):\n"
                 "  def __init__(self, global_step, w):\n"
                 "    super().__init__(name='trainer')\n"
                 "    self.global_step, self.w = global_step, w\n"
                 "  @tf.function\n"
                 "  def train_step(self, x):\n"
                 "    with tf.GradientTape() as tape:\n"
                 "      loss = tf.reduce_sum(self.w * x)\n"
                 "    self.w.assign_sub(0.01 * tape.gradient(loss, self.w))\n"
                 "    self.global_step.assign_add(1)\n", "Trainer")
    else:
        compiled = sharing == "compiled factory"
        p.define(f"def make_train_step(global_step, w):\n"
                 f"  {eg.decorator(compiled).replace(chr(10), chr(10) + '  ')}def train_step(x):\n"
                 f"    with tf.GradientTape() as tape:\n"
                 f"      loss = tf.reduce_sum(w * x)\n"
                 f"    w.assign_sub(0.01 * tape.gradient(loss, w))\n"
                 f"    global_step.assign_add(1)\n"
                 f"  return train_step\n", "make_train_step")
    pairs = []
    for _ in range(2):
        step = eg.make_counter(p)
        w = p.eval("tf.Variable(1.0)", as_="w")
        if sharing == "module":  # the trainer is kept: a tf.function method holds its instance weakly
            trainer = p.eval(f"Trainer({p.ref(step)}, {p.ref(w)})", as_="trainer")
            made = p.eval(f"{p.ref(trainer)}.train_step", as_="train_step")
        else:
            made = p.eval(f"make_train_step({p.ref(step)}, {p.ref(w)})", as_="train_step")
        pairs.append((step, made))
    counts = [0, 0]
    for first in order:
        which = 0 if first else 1
        p.eval(f"{p.ref(pairs[which][1])}(tf.constant(2.0))")
        counts[which] += 1
        for (step, _), expected in zip(pairs, counts, strict=True):
            eg.assert_count(p, step, expected)


@pytest.mark.clause("TF2-VAR-READ-BEFORE-INCREMENT")
@given(start=st.integers(0, 2**40), run=st.sampled_from(eg.RUNS), read=st.sampled_from(["read_value", "assign_add"]),
       calls=st.lists(eg.INPUTS, min_size=1, max_size=4))
@example(start=0, run="function", read="read_value", calls=[(0, 1), (3, 1)])
@example(start=5, run="eager", read="assign_add", calls=[(0, 1)])
@example(start=7, run="module", read="assign_add", calls=[(2, 1), (0, 3)])
def test_a_read_before_the_increment_sees_the_count_before_it(tf2, start, run, read, calls):
    """In call k a read before assign_add(1) gives start + k - 1, a read after it start + k."""
    p = Program(tf2)
    step = eg.make_counter(p, eg.Counter(start=start))
    w = p.eval("tf.Variable(1.0)", as_="w")
    train_step = _training_step(p, run, step, w, read=read)
    for done, (length, scale) in enumerate(calls, start=1):
        out = p.eval(f"{p.ref(train_step)}({eg.feed(length)}, {scale})", as_="out")
        read = p.eval(f"(int({p.ref(out)}[0]), int({p.ref(out)}[1]))", as_="read")
        ah.assert_equal(p, "read", read, (start + done - 1, start + done))


@pytest.mark.clause("TF2-ITERATIONS-IN-FUNCTION")
@given(optimizer=st.sampled_from(eg.OPTIMIZERS), run=st.sampled_from(eg.RUNS),
       calls=st.lists(eg.INPUTS, min_size=1, max_size=5), options=ct.options(rates=("float",)))
@example(optimizer="Adam", run="function", calls=[(0, 1), (2, 1), (2, 3)], options=ct.Options())
@example(optimizer="RMSprop", run="module", calls=[(1, 1), (0, 2)], options=ct.EVERYTHING)
@example(optimizer="SGD", run="jit_compile", calls=[(0, 1), (3, 1)],
         options=ct.Options(weight_decay=0.01, clip=("global_clipnorm", 1.0)))
def test_apply_gradients_in_a_function_adds_one_per_call(tf2, optimizer, run, calls, options):
    """After the k-th call of a tf.function applying gradients, iterations reads k (any options)."""
    p = Program(tf2)
    opt = p.eval(f"tf.keras.optimizers.{optimizer}({optimizer_arguments(tf2, optimizer, options)})", as_="optimizer")
    w = p.eval("tf.Variable(1.0)", as_="w")
    train_step = eg.define_step(p, run, "  with tf.GradientTape() as tape:\n"
                                        "    loss = tf.reduce_sum({w} * x) * scale\n"
                                        "  grads = tape.gradient(loss, [{w}])\n"
                                        "  {optimizer}.apply_gradients(zip(grads, [{w}]))\n"
                                        "  return loss\n", {"optimizer": p.ref(opt), "w": p.ref(w)})
    for done, (length, scale) in enumerate(calls, start=1):
        p.eval(f"{p.ref(train_step)}({eg.feed(length)}, {scale})", as_="loss")
        eg.assert_count(p, opt.iterations, done)


#: The strategies a step is run by, as TensorFlow makes them. Source: tf.distribute, "the default strategy" (what
#: get_strategy() gives outside any scope), OneDeviceStrategy and MirroredStrategy (here over the one CPU: one
#: replica, but its variables are MirroredVariables and its run goes through a replica context).
STRATEGIES = {"default": "tf.distribute.get_strategy()", "one-device": "tf.distribute.OneDeviceStrategy('/cpu:0')",
              "mirrored": "tf.distribute.MirroredStrategy(['/cpu:0'])",
              "mirrored, its devices found": "tf.distribute.MirroredStrategy()"}


@pytest.mark.clause("TF2-STRATEGY-COUNTS-ONCE")
@given(strategy=st.sampled_from(list(STRATEGIES)), optimizer=st.sampled_from(eg.OPTIMIZERS),
       run=st.sampled_from(["eager", "function", "module", "concrete"]), calls=st.integers(1, 3),
       options=ct.options(rates=("float",)))
@example(strategy="mirrored", optimizer="Adam", run="function", calls=2, options=ct.Options())
@example(strategy="one-device", optimizer="SGD", run="eager", calls=2, options=ct.EVERYTHING)
@example(strategy="default", optimizer="RMSprop", run="module", calls=1, options=ct.Options())
def test_a_step_a_strategy_runs_adds_one_to_each_counter(tf2, strategy, optimizer, run, calls, options):
    """In a strategy's scope, iterations and a user's counter are not trainable; each strategy.run adds 1."""
    if strategy.startswith("mirrored") and options.ema:  # Keras 3.15 cannot overwrite EMA weights in a
        # MirroredStrategy's compiled step (merge_call inside a cond: RuntimeError, measured); the averages work
        options = dataclasses.replace(options, ema=(options.ema[0], None))
    p = Program(tf2)
    chosen = p.eval(STRATEGIES[strategy], as_="strategy")
    with p.entering(chosen, "scope"):
        inside = p.call("distribute.get_strategy", as_="inside")  # the scope is entered: the state under test
        ah.assert_is(p, "inside", inside, chosen)
        opt = p.eval(f"tf.keras.optimizers.{optimizer}({optimizer_arguments(tf2, optimizer, options)})",
                     as_="optimizer")
        w = p.eval("tf.Variable(1.0)", as_="w")
        step = eg.make_counter(p)
    for expr, counter in ((f"{p.ref(opt)}.iterations", p.attr(opt, "iterations")), (p.ref(step), step)):
        ah.assert_equal(p, f"{expr}.trainable", p.attr(counter, "trainable"), False)
    train_step = eg.define_step(p, run, "  def replica_step(x, scale):\n"
                                        "    with tf.GradientTape() as tape:\n"
                                        "      loss = tf.reduce_sum({w} * x) * scale\n"
                                        "    grads = tape.gradient(loss, [{w}])\n"
                                        "    {optimizer}.apply_gradients(zip(grads, [{w}]))\n"
                                        "    {step}.assign_add(1)\n"
                                        "    return loss\n"
                                        "  return {strategy}.run(replica_step, args=(x,), kwargs={{'scale': scale}})\n",
                                {"optimizer": p.ref(opt), "w": p.ref(w), "step": p.ref(step),
                                 "strategy": p.ref(chosen)})
    for done in range(1, calls + 1):
        p.eval(f"{p.ref(train_step)}({eg.feed(done % 3)}, 1.0)", as_="loss")
        eg.assert_count(p, opt.iterations, done)
        eg.assert_count(p, step, done)


@dataclasses.dataclass(frozen=True)
class Saving:
    """How the training is saved and brought back. Source: tf.train.Checkpoint "save/restore" and "write/read"
    (the same values; write numbers nothing), tf.train.CheckpointManager (numbered saves, ``restore_or_initialize``),
    objects given by keyword or as ``root``, ``options=tf.train.CheckpointOptions()``, and deferred restoration:
    "restore ... values are restored when the object is attached to the checkpoint" (``attach="later"``)."""

    how: str = "save"  # save, write, manager
    #: manager only: the first save's checkpoint_number (the second is one more: 9 then 10 crosses a digit, so
    #: "the latest" must be the newest save, not the greatest name); None lets the manager number them
    first: int | None = None
    #: manager only: restore through ``restore_or_initialize()``, or ``restore(manager.latest_checkpoint)``
    by_latest: bool = False
    root: bool = False  # the step given as root= (the others by keyword)
    options: bool = False
    attach: str = "at once"  # "later": the restoring checkpoint gets the optimizer after restore()


savings = st.builds(Saving, how=st.sampled_from(["save", "write", "manager"]),
                    first=st.none() | st.sampled_from([1, 9, 99]), by_latest=st.booleans(), root=st.booleans(),
                    options=st.booleans(), attach=st.sampled_from(["at once", "later"]))


@pytest.mark.clause("TF2-CHECKPOINT-RESTORES")
@given(optimizer=st.sampled_from(eg.OPTIMIZERS), before=st.integers(0, 4), between=st.none() | st.integers(0, 2),
       after=st.integers(0, 2), run=st.sampled_from(eg.RUNS), order=st.permutations(["step", "optimizer", "w"]),
       saving=savings)
@example(optimizer="Adam", before=3, between=None, after=1, run="eager", order=["step", "optimizer", "w"],
         saving=Saving())
@example(optimizer="SGD", before=1, between=2, after=0, run="function", order=["w", "optimizer", "step"],
         saving=Saving(root=True, options=True, attach="later"))
@example(optimizer="Adam", before=2, between=1, after=1, run="concrete", order=["step", "w", "optimizer"],
         saving=Saving(how="manager", first=9, by_latest=True))
@example(optimizer="RMSprop", before=2, between=1, after=1, run="module", order=["optimizer", "step", "w"],
         saving=Saving(how="write", attach="later"))
def test_a_checkpoint_brings_both_counts_back(tf2, optimizer, before, between, after, run, order, saving):
    """Restored into new objects, the counter and iterations read the latest save's counts and go on."""
    p = Program(tf2)
    options = ", options=tf.train.CheckpointOptions()" if saving.options else ""

    def trainer(suffix: str, keywords: list[str], *, restoring: bool = False):
        step = eg.make_counter(p)
        opt = p.eval(f"tf.keras.optimizers.{optimizer}(0.01)", as_=f"optimizer{suffix}")
        w = p.eval("tf.Variable(1.0)", as_=f"w{suffix}")
        train_step = eg.define_step(p, run, "  with tf.GradientTape() as tape:\n"
                                            "    loss = {w} * 3.0\n"
                                            "  {optimizer}.apply_gradients(zip(tape.gradient(loss, [{w}]), [{w}]))\n"
                                            "  {global_step}.assign_add(1)\n",
                                    {"global_step": p.ref(step), "optimizer": p.ref(opt), "w": p.ref(w)},
                                    parameters="", name=f"train_step{suffix}", signature="[]")
        objects = {"step": p.ref(step), "optimizer": p.ref(opt), "w": p.ref(w)}  # listed in any order
        later = restoring and saving.attach == "later"
        listed = [f"root={objects['step']}" if key == "step" and saving.root else f"{key}={objects[key]}"
                  for key in keywords if not (later and key == "optimizer")]
        checkpoint = p.eval(f"tf.train.Checkpoint({', '.join(listed)})", as_=f"checkpoint{suffix}")
        return step, opt, train_step, checkpoint

    def train(train_step, times: int):
        for _ in range(times):
            p.eval(f"{p.ref(train_step)}()")

    def save(checkpoint, prefix, number: int):
        if saving.how == "save":
            return p.eval(f"{p.ref(checkpoint)}.save({p.ref(prefix)}{options})", as_="path")
        if saving.how == "write":
            return p.eval(f"{p.ref(checkpoint)}.write({p.ref(prefix)} + '-{number}'{options})", as_="path")
        numbered = [f"checkpoint_number={saving.first + number - 1}"] if saving.first is not None else []
        checked = ["check_interval=False"] if saving.root else []
        arguments = ", ".join([*numbered, *checked, *filter(None, [options.removeprefix(", ")])])
        return p.eval(f"manager.save({arguments})", as_="path")

    step, _, train_step, checkpoint = trainer("", ["step", "optimizer", "w"])
    train(train_step, before)
    with eg.checkpoint_prefix(p) as prefix:
        if saving.how == "manager":
            # with the options a training loop sets: its name, the step counter, a long-term keep (no interval: every
            # save is made)
            options_of_a_loop = (f", checkpoint_name='model', step_counter={p.ref(step)}, "
                                 f"keep_checkpoint_every_n_hours=1000.0" if saving.root else "")
            p.eval(f"tf.train.CheckpointManager({p.ref(checkpoint)}, {p.ref(prefix)}, max_to_keep=2"
                   f"{options_of_a_loop})", as_="manager")
        path = save(checkpoint, prefix, 1)
        saved = before
        if between is not None:  # trained on, and saved again: the later save is the one restored
            train(train_step, between)
            path = save(checkpoint, prefix, 2)
            saved += between
        step2, opt2, train_step2, checkpoint2 = trainer("_2", order, restoring=True)
        if saving.how == "manager":
            manager2 = p.eval(f"tf.train.CheckpointManager({p.ref(checkpoint2)}, {p.ref(prefix)}, max_to_keep=2)",
                              as_="manager_2")
            if saving.by_latest:
                latest = p.attr(manager2, "latest_checkpoint")
                p.method(p.method(checkpoint2, "restore", latest, as_="status"), "expect_partial")
            else:
                p.method(manager2, "restore_or_initialize")
        else:
            status = p.eval(f"{p.ref(checkpoint2)}.{'read' if saving.how == 'write' else 'restore'}"
                            f"({p.ref(path)}{options})", as_="status")
            p.method(status, "expect_partial")  # slots of an optimizer not built yet are restored when it builds
        if saving.attach == "later":  # deferred restoration: attached after restore(), restored when attached
            p.eval(f"setattr({p.ref(checkpoint2)}, 'optimizer', {p.ref(opt2)})")
        for done in range(after + 1):
            if done:
                p.eval(f"{p.ref(train_step2)}()")
            eg.assert_count(p, step2, saved + done)
            eg.assert_count(p, opt2.iterations, saved + done)
