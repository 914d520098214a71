"""TensorFlow 2's own API, as the page's "Migrate to TF2" section uses it (spec group "tf2": TF2-*).

The migrated example (a Keras optimizer under tf.GradientTape), and the second option: "Manually create and
increment a tf.Variable", the way a v1 user writes it: tf.Variable(0, dtype=tf.int64, trainable=False) and a
training step, usually a tf.function, that calls assign_add(1). Steps are drawn compiled or eager, fed inputs that
make TensorFlow trace again, and counters made in each way the API takes.
"""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from harness import assertions as ah
from harness.outcomes import checking
from harness.program import Program
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
        with p.within("GradientTape", as_="tape") as tape:
            loss = p.eval(f"{p.ref(w)} * 2.0 + tf.cast({p.ref(step)}, tf.float32)", as_="loss")
        watched = p.eval(f"[v is {p.ref(step)} for v in {p.ref(tape)}.watched_variables()]", as_="watched")
        ah.assert_equal(p, "any(watched)", any(watched), False)
        grads = p.method(tape, "gradient", loss, [w, step], as_="grads")
        ah.assert_none(p, "grads[1]", grads[1])


@pytest.mark.clause("TF2-VAR-CREATE-INT64")
@given(below=st.integers(0, 3), steps=st.integers(1, 4), compiled=st.booleans())
@example(below=0, steps=1, compiled=True)
def test_an_int64_counter_counts_past_int32(tf2, below, steps, compiled):
    """A counter made int64 at 2**31 - 1 - below counts on past 2**31 - 1 without wrapping."""
    p = Program(tf2)
    start = INT32_MAX - below
    step = eg.make_counter(p, eg.Counter(start=start))
    bump = p.define(f"{eg.decorator(compiled)}def bump():\n  {p.ref(step)}.assign_add(1)\n", "bump")
    for _ in range(steps):
        p.eval(f"{p.ref(bump)}()")
    eg.assert_count(p, step, start + steps)


def _training_step(p, compiled: bool, reduce_retracing: bool, step, w, *, read: str | None = None):
    """``train_step(x, scale)``: one gradient-descent update of ``w``, then ``global_step.assign_add(1)``; with
    ``read``, it returns the counter read before and after the increment, the second read as ``read`` says:
    "read_value" (``global_step.read_value()``) or "assign_add" (the value ``assign_add(1)`` returns)."""
    s, v = p.ref(step), p.ref(w)
    body = (f"  with tf.GradientTape() as tape:\n"
            f"    loss = tf.reduce_sum({v} * x) * scale\n"
            f"  {v}.assign_sub(0.01 * tape.gradient(loss, {v}))\n")
    if read:
        after = f"  {s}.assign_add(1)\n  after = {s}.read_value()\n" if read == "read_value" else \
            f"  after = {s}.assign_add(1)\n"
        body = f"  before = {s}.read_value()\n" + body + after + "  return before, after\n"
    else:
        body += f"  {s}.assign_add(1)\n  return loss\n"
    return p.define(f"{eg.decorator(compiled, reduce_retracing)}def train_step(x, scale):\n{body}", "train_step")


@pytest.mark.clause("TF2-VAR-ADDS-ONE-PER-CALL")
@given(counter=eg.counters, compiled=st.booleans(), reduce_retracing=st.booleans(),
       calls=st.lists(eg.INPUTS, min_size=1, max_size=6))
@example(counter=eg.Counter(), compiled=True, reduce_retracing=False, calls=[(0, 1), (0, 1), (2, 1), (0, 2)])
def test_each_call_of_a_training_step_adds_one(tf2, counter, compiled, reduce_retracing, calls):
    """After the k-th call of a step that calls assign_add(1) the counter reads k, retraced or not."""
    p = Program(tf2)
    step = eg.make_counter(p, counter)
    w = p.eval("tf.Variable(1.0)", as_="w")
    train_step = _training_step(p, compiled, reduce_retracing, step, w)
    for done, (length, scale) in enumerate(calls, start=1):
        p.eval(f"{p.ref(train_step)}({eg.feed(length)}, {scale})", as_="loss")
        eg.assert_count(p, step, done)


@pytest.mark.clause("TF2-VAR-ADDS-ONE-PER-CALL")
@given(compiled=st.booleans(), order=st.lists(st.booleans(), min_size=1, max_size=6))
@example(compiled=True, order=[True, False, False, True])
def test_steps_made_by_one_factory_count_into_their_own_counters(tf2, compiled, order):
    """Two steps from one make_train_step(counter, w) each add 1 per call to their own counter only."""
    p = Program(tf2)
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
        pairs.append((step, p.eval(f"make_train_step({p.ref(step)}, {p.ref(w)})", as_="train_step")))
    counts = [0, 0]
    for first in order:
        which = 0 if first else 1
        p.eval(f"{p.ref(pairs[which][1])}(tf.constant(2.0))")
        counts[which] += 1
        for (step, _), expected in zip(pairs, counts, strict=True):
            eg.assert_count(p, step, expected)


@pytest.mark.clause("TF2-VAR-READ-BEFORE-INCREMENT")
@given(start=st.integers(0, 2**40), compiled=st.booleans(), read=st.sampled_from(["read_value", "assign_add"]),
       calls=st.lists(eg.INPUTS, min_size=1, max_size=4))
@example(start=0, compiled=True, read="read_value", calls=[(0, 1), (3, 1)])
@example(start=5, compiled=False, read="assign_add", calls=[(0, 1)])
def test_a_read_before_the_increment_sees_the_count_before_it(tf2, start, compiled, read, calls):
    """In call k a read before assign_add(1) gives start + k - 1, a read after it start + k."""
    p = Program(tf2)
    step = eg.make_counter(p, eg.Counter(start=start))
    w = p.eval("tf.Variable(1.0)", as_="w")
    train_step = _training_step(p, compiled, False, step, w, read=read)
    for done, (length, scale) in enumerate(calls, start=1):
        out = p.eval(f"{p.ref(train_step)}({eg.feed(length)}, {scale})", as_="out")
        read = p.eval(f"(int({p.ref(out)}[0]), int({p.ref(out)}[1]))", as_="read")
        ah.assert_equal(p, "read", read, (start + done - 1, start + done))


@pytest.mark.clause("TF2-ITERATIONS-IN-FUNCTION")
@given(optimizer=st.sampled_from(eg.OPTIMIZERS), compiled=st.booleans(),
       calls=st.lists(eg.INPUTS, min_size=1, max_size=5))
@example(optimizer="Adam", compiled=True, calls=[(0, 1), (2, 1), (2, 3)])
def test_apply_gradients_in_a_function_adds_one_per_call(tf2, optimizer, compiled, calls):
    """After the k-th call of a tf.function that applies gradients, optimizer.iterations reads k."""
    p = Program(tf2)
    opt = p.eval(f"tf.keras.optimizers.{optimizer}(0.01)", as_="optimizer")
    w = p.eval("tf.Variable(1.0)", as_="w")
    o, v = p.ref(opt), p.ref(w)
    train_step = p.define(
        f"{eg.decorator(compiled)}def train_step(x, scale):\n"
        f"  with tf.GradientTape() as tape:\n"
        f"    loss = tf.reduce_sum({v} * x) * scale\n"
        f"  grads = tape.gradient(loss, [{v}])\n"
        f"  {o}.apply_gradients(zip(grads, [{v}]))\n"
        f"  return loss\n", "train_step")
    for done, (length, scale) in enumerate(calls, start=1):
        p.eval(f"{p.ref(train_step)}({eg.feed(length)}, {scale})", as_="loss")
        eg.assert_count(p, opt.iterations, done)


@pytest.mark.clause("TF2-CHECKPOINT-RESTORES")
@given(optimizer=st.sampled_from(eg.OPTIMIZERS), before=st.integers(0, 4), between=st.none() | st.integers(0, 2),
       after=st.integers(0, 2), compiled=st.booleans(), order=st.permutations(["step", "optimizer", "w"]))
@example(optimizer="Adam", before=3, between=None, after=1, compiled=False, order=["step", "optimizer", "w"])
@example(optimizer="SGD", before=1, between=2, after=0, compiled=True, order=["w", "optimizer", "step"])
def test_a_checkpoint_brings_both_counts_back(tf2, optimizer, before, between, after, compiled, order):
    """Restored into new objects, the counter and iterations read the latest save's counts and go on."""
    p = Program(tf2)

    def trainer(suffix: str, keywords: list[str]):
        step = eg.make_counter(p)
        opt = p.eval(f"tf.keras.optimizers.{optimizer}(0.01)", as_=f"optimizer{suffix}")
        w = p.eval("tf.Variable(1.0)", as_=f"w{suffix}")
        s, o, v = p.ref(step), p.ref(opt), p.ref(w)
        train_step = p.define(
            f"{eg.decorator(compiled)}def train_step{suffix}():\n"
            f"  with tf.GradientTape() as tape:\n"
            f"    loss = {v} * 3.0\n"
            f"  {o}.apply_gradients(zip(tape.gradient(loss, [{v}]), [{v}]))\n"
            f"  {s}.assign_add(1)\n", f"train_step{suffix}")
        objects = {"step": s, "optimizer": o, "w": v}  # the restoring checkpoint may list them in another order
        listed = ", ".join(f"{key}={objects[key]}" for key in keywords)
        checkpoint = p.eval(f"tf.train.Checkpoint({listed})", as_=f"checkpoint{suffix}")
        return step, opt, train_step, checkpoint

    def train(train_step, times: int):
        for _ in range(times):
            p.eval(f"{p.ref(train_step)}()")

    _, _, train_step, checkpoint = trainer("", ["step", "optimizer", "w"])
    train(train_step, before)
    with eg.checkpoint_prefix(p) as prefix:
        path = p.method(checkpoint, "save", prefix, as_="path")
        saved = before
        if between is not None:  # trained on, and saved again: the later save is the one restored
            train(train_step, between)
            path = p.method(checkpoint, "save", prefix, as_="path")
            saved += between
        step2, opt2, train_step2, checkpoint2 = trainer("_2", order)
        status = p.method(checkpoint2, "restore", path, as_="status")
        p.method(status, "expect_partial")  # the slots of an optimizer not built yet are restored when it builds
        for done in range(after + 1):
            if done:
                p.eval(f"{p.ref(train_step2)}()")
            eg.assert_count(p, step2, saved + done)
            eg.assert_count(p, opt2.iterations, saved + done)
