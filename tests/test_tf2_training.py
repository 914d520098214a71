"""What a TF2 training step does beside its counter (spec group "tf2"): the gradients its tape gives and what
the optimizer does with them, the variables a tf.Module offers for training, the calls an input_signature
refuses, the constructor options of a tf.Variable, and a CheckpointManager driven by the step.

Each has a v1 counterpart the migration must keep: the step is not trained, a refused call counts nothing,
and checkpoints follow the step.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from harness import assertions as ah
from harness.program import Program
from tests import eager as eg


@dataclass(frozen=True)
class Term:
    """One summand of a loss: its source over ``{w}`` (the trained variable), ``{x}`` (the input), ``{y}`` (``w *
    2.0``, computed once and used twice), ``{s}`` (the counter), ``{k}`` (a trainable int variable, 2) and ``{d}``
    (the float dtype), with its value and its derivative in w, elementwise, as numpy computes them."""

    source: str
    value: object
    derivative: object

    def __repr__(self):
        return f"Term({self.source!r})"


def _ones(w, x=0):
    return np.ones(np.broadcast_shapes(np.shape(w), np.shape(x)))


#: The operations a loss is written with, each a separate gradient in TensorFlow: products either way round,
#: sums and differences with a Python float or int on either side, negation, a square, one intermediate used
#: twice, a cast through float64 (the gradient passes) and through int32 (it does not), and the counter and a
#: trainable int variable cast to float (neither gets a gradient: TensorFlow watches floats only); a Python list
#: operand takes the variable's dtype.
TERMS = (
    Term("{w} * {x}", lambda w, x, s: w * x, lambda w, x, s: x * _ones(w, x)),
    Term("{x} * {w}", lambda w, x, s: x * w, lambda w, x, s: x * _ones(w, x)),
    Term("{w} + 2.0", lambda w, x, s: w + 2, lambda w, x, s: _ones(w)),
    Term("3.0 + {w}", lambda w, x, s: 3 + w, lambda w, x, s: _ones(w)),
    Term("{w} - {x}", lambda w, x, s: w - x, lambda w, x, s: _ones(w, x)),
    Term("2.0 - {w}", lambda w, x, s: 2 - w, lambda w, x, s: -_ones(w)),
    Term("{w} * 3", lambda w, x, s: w * 3, lambda w, x, s: 3 * _ones(w)),
    Term("1 - {w}", lambda w, x, s: 1 - w, lambda w, x, s: -_ones(w)),
    Term("{w} - 1", lambda w, x, s: w - 1, lambda w, x, s: _ones(w)),
    Term("{w} * [[2.0]]", lambda w, x, s: w * np.full((1, 1), 2.0), lambda w, x, s: 2 * _ones(w, np.zeros((1, 1)))),
    Term("-{w}", lambda w, x, s: -w, lambda w, x, s: -_ones(w)),
    Term("{w} * {w}", lambda w, x, s: w * w, lambda w, x, s: 2 * w),
    Term("{y} * {y}", lambda w, x, s: 4 * w * w, lambda w, x, s: 8 * w),
    Term("tf.cast(tf.cast({w}, tf.float64) * 2.0, {d})", lambda w, x, s: 2 * w, lambda w, x, s: 2 * _ones(w)),
    Term("{w} * tf.cast(tf.cast({w}, tf.int32), {d})", lambda w, x, s: w * np.trunc(w), lambda w, x, s: np.trunc(w)),
    Term("tf.cast({s}, {d}) * {w}", lambda w, x, s: s * w, lambda w, x, s: s * _ones(w)),
    Term("tf.cast({k}, {d}) * {w}", lambda w, x, s: 2 * w, lambda w, x, s: 2 * _ones(w)),
    Term("tf.cast(3, {d}) * {w}", lambda w, x, s: 3 * w, lambda w, x, s: 3 * _ones(w)),
)
#: (w's shape, x's shape): each may be a scalar, have an axis of 1, or have fewer axes than the other.
SHAPES = (((), ()), ((), (3,)), ((3,), ()), ((3,), (3,)), ((1,), (3,)), ((1,), (2,)), ((3,), (2, 3)),
          ((2, 1), (1, 3)), ((2, 3), (3,)))
#: The float dtypes TensorFlow trains, with how close a result must be (rtol = atol).
FLOATS = {"float16": 1e-2, "float32": 1e-5, "float64": 1e-9}
HALVES = st.integers(-6, 6).map(lambda n: n / 2)  # exact in float16, with a fractional part for the int cast


def arrays(shape: tuple):
    return st.lists(HALVES, min_size=int(np.prod(shape)), max_size=int(np.prod(shape))).map(
        lambda values: np.asarray(values, dtype=np.float64).reshape(shape))


@st.composite
def losses(draw):
    """(terms, w, x): arrays of halves of SHAPES's shapes."""
    w_shape, x_shape = draw(st.sampled_from(SHAPES))
    return tuple(draw(st.lists(st.sampled_from(TERMS), min_size=1, max_size=4))), draw(arrays(w_shape)), draw(
        arrays(x_shape))


def expected(terms, w, x, s) -> tuple[float, np.ndarray]:
    """reduce_sum(sum of terms) and its derivative in w: each term's derivative spread over the broadcast shape,
    and each element of that added to the element of w it came from."""
    shape = np.broadcast_shapes(*(np.shape(t.value(w, x, s)) for t in terms))
    loss = sum(np.broadcast_to(t.value(w, x, s), shape) for t in terms).sum()
    total = sum(np.broadcast_to(t.derivative(w, x, s), shape) for t in terms)
    source = np.broadcast_to(np.arange(w.size).reshape(w.shape), shape)
    return float(loss), np.bincount(source.ravel(), weights=total.ravel(), minlength=w.size).reshape(w.shape)


@dataclass(frozen=True)
class Tape:
    """How the tape is opened: ``persistent`` (None: left out), and whether it watches what is read or only what
    it is told; ``reads_u``: the loss also reads a second variable u (times 2)."""

    persistent: bool | None = None
    watch_accessed: bool = True
    reads_u: bool = False


@pytest.mark.clause("TF2-APPLY-UPDATES-VARIABLES")
@given(loss=losses(), dtype=st.sampled_from(sorted(FLOATS)), start=st.integers(0, 4), compiled=st.booleans(),
       rate=st.sampled_from([0.5, 0.25, 0.01]),
       tape=st.builds(Tape, persistent=st.none() | st.booleans(), watch_accessed=st.booleans(),
                      reads_u=st.booleans()))
@example(loss=((TERMS[0],), np.asarray(1.5), np.asarray([1.0, 2.0])), dtype="float32", start=0, compiled=False,
         rate=0.5, tape=Tape())
@example(loss=(TERMS[5:9], np.asarray([[1.5], [-2.5]]), np.asarray([[2.0, 1.0, 0.5]])), dtype="float64", start=3,
         compiled=True, rate=0.25, tape=Tape(True, False, True))
@example(loss=(TERMS[11:], np.asarray([0.5, 2.5, -1.5]), np.asarray([[1.0, 2.0, 3.0], [0.5, 0.0, -1.0]])),
         dtype="float16", start=2, compiled=False, rate=0.01, tape=Tape(False, True, True))
@example(loss=(TERMS[:1] + TERMS[8:10], np.asarray([0.5, 2.5, -1.5]), np.asarray([[1.0, 2.0, 3.0], [0.5, 0.0, -1.0]])),
         dtype="float16", start=1, compiled=True, rate=0.5, tape=Tape())
@example(loss=(TERMS[1:2], np.asarray([1.5]), np.asarray([2.0, -0.5])), dtype="float32", start=0, compiled=False,
         rate=0.5, tape=Tape())
@example(loss=(TERMS[2:8] + TERMS[-1:], np.asarray(1.5), np.asarray(2.0)), dtype="float16", start=0, compiled=False,
         rate=0.25, tape=Tape())
def test_the_tapes_gradient_trains_the_variable_and_never_the_counter(tf2, loss, dtype, start, compiled, rate, tape):
    """tape.gradient gives d loss / dw (None for what the loss never reads); SGD moves w by -rate * it."""
    terms, w0, x0 = loss
    p = Program(tf2)
    step = eg.make_counter(p, eg.Counter(start=start))
    w = p.eval(f"tf.Variable({w0.tolist()!r}, dtype=tf.{dtype})", as_="w")
    u = p.eval(f"tf.Variable(1.0, dtype=tf.{dtype})", as_="u")
    k = p.eval("tf.Variable(2)", as_="k")
    optimizer = p.eval(f"tf.keras.optimizers.SGD({rate})", as_="optimizer")
    source = " + ".join(f"({t.source})".format(w="w", x="x", y="y", s="global_step", k="k", d=f"tf.{dtype}")
                        for t in terms)  # each term in parentheses: "(2.0 - w)" is a reflected subtraction
    persistent = "" if tape.persistent is None else f"persistent={tape.persistent}, "
    watch = "" if tape.watch_accessed else "    tape.watch(w)\n"
    p.define(f"{eg.decorator(compiled)}def gradients(w, u, k, global_step, x):\n"
             f"  with tf.GradientTape({persistent}watch_accessed_variables={tape.watch_accessed}) as tape:\n"
             f"{watch}    y = w * 2.0\n"
             f"    loss = tf.reduce_sum({source}){' + u * 2.0' if tape.reads_u else ''}\n"
             f"  return loss, tape.gradient(loss, [w, u, k, global_step])\n", "gradients")
    out = p.eval(f"gradients({p.ref(w)}, {p.ref(u)}, {p.ref(k)}, {p.ref(step)}, "
                 f"tf.constant({x0.tolist()!r}, dtype=tf.{dtype}))", as_="out")
    value, gradient = expected(terms, w0, x0, start)
    tolerance = FLOATS[dtype]
    ah.assert_close(p, "[float(out[0])]", [float(p.eval(f"float({p.ref(out)}[0])", as_="loss"))],
                    [value + 2.0 * tape.reads_u], rtol=tolerance, atol=tolerance)
    grads = p.eval(f"{p.ref(out)}[1]", as_="grads")
    ah.assert_close(p, "grads[0].numpy().ravel().tolist()", np.asarray(grads[0]).ravel().tolist(),
                    gradient.ravel().tolist(), rtol=tolerance, atol=tolerance)
    ah.assert_equal(p, "grads[0].dtype == w.dtype", p.eval(f"{p.ref(grads)}[0].dtype == {p.ref(w)}.dtype"), True)
    if tape.reads_u and tape.watch_accessed:
        ah.assert_close(p, "[float(grads[1])]", [float(np.asarray(grads[1]))], [2.0], rtol=tolerance)
    else:
        ah.assert_none(p, "grads[1]", grads[1])
    ah.assert_none(p, "grads[2]", grads[2])
    ah.assert_none(p, "grads[3]", grads[3])
    p.method(optimizer, "apply_gradients", [(p.eval(f"{p.ref(grads)}[0]", as_="g"), w)])
    after = np.asarray(p.method(w, "numpy", as_="after"), dtype=np.float64)
    moved = w0 - float(np.float32(rate)) * gradient  # Keras keeps the learning rate in float32
    ah.assert_close(p, "after.ravel().tolist()", after.ravel().tolist(), moved.ravel().tolist(), rtol=tolerance,
                    atol=tolerance)
    eg.assert_count(p, p.attr(optimizer, "iterations"), 1)
    eg.assert_count(p, step, start)


@pytest.mark.clause("TF2-APPLY-UPDATES-VARIABLES")
@given(persistent=st.none() | st.booleans(), watch_accessed=st.booleans(), calls=st.integers(1, 3))
def test_a_tape_gives_gradients_again_only_when_persistent(tf2, persistent, watch_accessed, calls):
    """A persistent tape answers every gradient call; any other refuses the second with RuntimeError."""
    p = Program(tf2)
    w = p.eval("tf.Variable(2.0)", as_="w")
    p.eval("tf.Variable(5.0)", as_="unread")
    option = "" if persistent is None else f"persistent={persistent}, "
    tape = p.eval(f"tf.GradientTape({option}watch_accessed_variables={watch_accessed})", as_="tape")
    with tape:
        if not watch_accessed:
            p.method(tape, "watch", w)
        loss = p.eval(f"{p.ref(w)} * {p.ref(w)}", as_="loss")
    watched = p.eval(f"[float(v.numpy()) for v in {p.ref(tape)}.watched_variables()]", as_="watched")
    ah.assert_equal(p, "watched", watched, [2.0])
    for call in range(calls):
        if call and not persistent:
            ah.assert_method_raises(p, RuntimeError, tape, "gradient", loss, w)
            return
        grad = p.method(tape, "gradient", loss, w, as_="grad")
        ah.assert_equal(p, f"float({p.current('grad')})", p.eval(f"float({p.ref(grad)})"), 4.0)


#: Where a tf.Module keeps its variables: attributes, lists, tuples, dicts, and other modules.
PLACES = ("attribute", "list", "tuple", "dict", "submodule")


@pytest.mark.clause("TF2-MODULE-TRAINABLE")
@given(places=st.lists(st.tuples(st.sampled_from(PLACES), st.booleans()), min_size=1, max_size=5),
       counter_place=st.sampled_from(PLACES), shared=st.booleans())
@example(places=[("dict", True), ("submodule", False), ("tuple", True)], counter_place="submodule", shared=True)
def test_a_modules_trainable_variables_leave_its_counter_out(tf2, places, counter_place, shared):
    """Module.variables finds each variable once, nested or shared; trainable_variables omit the counter."""
    p = Program(tf2)
    p.define("class Holder(tf.Module):\n  pass\n", "Holder")
    module = p.eval("Holder()", as_="module")
    values = {"trainable": [], "all": [0]}
    step = eg.make_counter(p)
    items = [(counter_place, step)]
    for i, (place, trainable) in enumerate(places, start=1):
        variable = p.eval(f"tf.Variable({float(i)}, trainable={trainable})", as_="v")
        items.append((place, variable))
        values["all"].append(float(i))
        if trainable:
            values["trainable"].append(float(i))
    if shared:  # the same variable kept twice is one variable
        items.append(("list", items[-1][1]))
    for n, (place, variable) in enumerate(items):
        v = p.ref(variable)
        p.eval({"attribute": f"setattr({p.ref(module)}, 'a{n}', {v})",
                "list": f"setattr({p.ref(module)}, 'a{n}', [{v}])",
                "tuple": f"setattr({p.ref(module)}, 'a{n}', (1, {v}))",
                "dict": f"setattr({p.ref(module)}, 'a{n}', {{'k': {v}}})",
                "submodule": f"setattr({p.ref(module)}, 'a{n}', tf.Module())"}[place])
        if place == "submodule":
            p.eval(f"setattr({p.ref(module)}.a{n}, 'v', {v})")
    for which, attribute in (("all", "variables"), ("trainable", "trainable_variables")):
        found = p.eval(f"sorted(float(v.numpy()) for v in {p.ref(module)}.{attribute})", as_=attribute)
        ah.assert_equal(p, attribute, found, sorted(values[which]))


#: What a step with input_signature=[TensorSpec(<shape>, float32), TensorSpec([], float32)] is called with, and
#: whether TensorFlow runs it: x (a float vector of length 2 or 3, the same as a Python list, an int vector, a
#: scalar) and scale (a Python float or int, a float tensor, an int tensor, nothing, one argument too many).
XS = {"vector": "tf.constant([1.0, 2.0])", "longer": "tf.constant([1.0, 2.0, 3.0])", "list": "[1.0, 2.0]",
      "ints": "tf.constant([1, 2])", "scalar": "tf.constant(1.0)"}
SCALES = {"float": ["2.5"], "int": ["2"], "tensor": ["tf.constant(1.0)"], "int tensor": ["tf.constant(1)"],
          "missing": [], "extra": ["1.0", "tf.constant(1.0)"]}
SPEC_SHAPES = ("[None]", "[2]", "tf.TensorShape([None])", "tf.TensorShape([2])", "None")


def runs(shape: str, x: str, scale: str) -> bool:
    """Whether TensorFlow runs the step for these arguments (else: TypeError, "Binding inputs ... failed")."""
    length_fits = x != "longer" or "2" not in shape
    rank_fits = x != "scalar" or shape == "None"
    return x != "ints" and length_fits and rank_fits and scale in ("float", "int", "tensor")


@pytest.mark.clause("TF2-SIGNATURE-REFUSES")
@given(shape=st.sampled_from(SPEC_SHAPES), method=st.booleans(),
       calls=st.lists(st.tuples(st.sampled_from(sorted(XS)), st.sampled_from(sorted(SCALES)), st.booleans()),
                      min_size=1, max_size=5))
@example(shape="[2]", method=True, calls=[("vector", "float", False), ("ints", "float", True), ("list", "int", True),
                                          ("scalar", "tensor", False), ("longer", "float", False),
                                          ("vector", "missing", False), ("vector", "extra", False),
                                          ("vector", "int tensor", True), ("vector", "tensor", True)])
@example(shape="tf.TensorShape([2])", method=False, calls=[("longer", "float", False), ("vector", "int", True)])
def test_a_call_its_input_signature_refuses_raises_typeerror_and_counts_nothing(tf2, shape, method, calls):
    """A step runs for inputs its input_signature describes, else raises TypeError and counts nothing."""
    p = Program(tf2)
    step = eg.make_counter(p)
    signature = f"input_signature=[tf.TensorSpec({shape}, tf.float32), tf.TensorSpec([], tf.float32)]"
    if method:
        p.define("class Trainer(tf.Module):\n"
                 "  def __init__(self, global_step):\n    super().__init__()\n    self.global_step = global_step\n"
                 f"  @tf.function({signature})\n  def train_step(self, x, scale):\n"
                 "    self.global_step.assign_add(1)\n    return tf.reduce_sum(x) * scale\n", "Trainer")
        trainer = p.eval(f"Trainer({p.ref(step)})", as_="trainer")  # kept: its tf.function holds it weakly
        train_step = p.eval(f"{p.ref(trainer)}.train_step", as_="train_step")
    else:
        train_step = p.define(f"@tf.function({signature})\ndef train_step(x, scale):\n"
                              f"  {p.ref(step)}.assign_add(1)\n  return tf.reduce_sum(x) * scale\n", "train_step")
    done = 0
    for x, scale, keyword in calls:  # keyword: scale passed as scale=
        args = [p.eval(source, as_="arg") for source in [XS[x], *SCALES[scale]]]
        keywords = {"scale": args.pop()} if keyword and len(args) == 2 else {}
        if runs(shape, x, scale):
            written = [p.ref(arg) for arg in args] + [f"scale={p.ref(v)}" for v in keywords.values()]
            p.eval(f"{p.ref(train_step)}({', '.join(written)})", as_="loss")
            done += 1
        else:
            ah.assert_method_raises(p, TypeError, train_step, "__call__", *args, **keywords)
        eg.assert_count(p, step, done)


#: What a training loop does between saves: train k steps (through the counter, or through the checkpoint's
#: attribute, ``checkpoint.step.assign_add(1)`` as TensorFlow's checkpoint guide does), or ask the manager to save,
#: with check_interval (None: left out) and checkpoint_number (None: numbered by the checkpoint's save_counter; an
#: int, or a tensor) as drawn.
ACTIONS = st.one_of(
    st.tuples(st.just("train"), st.integers(0, 3), st.booleans()),
    st.tuples(st.just("save"), st.none() | st.booleans(), st.none() | st.tuples(st.integers(1, 12), st.booleans())),
)


def saves(interval: int | None, last: int | None, count: int, check: bool | None) -> bool:
    """Whether CheckpointManager.save writes at ``count``, ``last`` being the count of its last save."""
    check = check is not False
    return interval is None or last is None or (count != last and not (check and count < last + interval))


@pytest.mark.clause("TF2-CHECKPOINT-MANAGER-INTERVAL")
@given(interval=st.none() | st.integers(0, 3), keep=st.none() | st.integers(1, 3),
       actions=st.lists(ACTIONS, min_size=1, max_size=8), init=st.booleans(), last=st.none() | st.integers(0, 3),
       attach=st.booleans())
@example(interval=2, keep=2, init=True, last=None, attach=True,
         actions=[("save", True, None), ("save", None, None), ("save", False, None), ("train", 1, True),
                  ("save", True, None), ("save", False, None), ("train", 1, False), ("save", True, None),
                  ("train", 2, True), ("save", True, (7, True)), ("train", 2, False), ("save", None, None)])
@example(interval=3, keep=None, init=False, last=1, attach=False, actions=[("save", True, None), ("train", 3, True)])
@example(interval=None, keep=None, init=False, last=None, attach=True, actions=[("save", None, None)] * 7)
@example(interval=0, keep=None, init=False, last=None, attach=False,  # 0: not None, a save per count moved
         actions=[("save", None, None), ("save", True, None), ("train", 1, False), ("save", None, None)])
def test_a_manager_saves_when_the_counter_has_moved_its_interval(tf2, interval, keep, actions, init, last, attach):
    """save() writes only once the step moved `interval` since the last save; the newest `keep` are kept."""
    p = Program(tf2)
    step = eg.make_counter(p)
    p.define("import os", "os")

    def manager(checkpoint, counter, keep, init_fn=None, as_="manager"):
        return p.eval(f"tf.train.CheckpointManager({p.ref(checkpoint)}, {p.ref(directory)}, max_to_keep={keep}, "
                      f"step_counter={p.ref(counter)}, checkpoint_interval={interval}, last_checkpoint_step={last}, "
                      f"init_fn={init_fn})", as_=as_)

    def save(manager, count: int, check: bool | None, number, written: int) -> str | None:
        """manager.save(...) at ``count`` after ``written`` saves: the name it writes (None: it skips), checked."""
        arguments = [] if check is None else [f"check_interval={check}"]
        if number is not None:
            arguments.append(f"checkpoint_number={f'tf.constant({number[0]})' if number[1] else number[0]}")
        path = p.eval(f"{p.ref(manager)}.save({', '.join(arguments)})", as_="path")
        name = f"ckpt-{number[0] if number else written + 1}" if saves(interval, last, count, check) else None
        ah.assert_equal(p, "path", path and os.path.normpath(str(path)), name and os.path.join(directory, name))
        return name

    with eg.checkpoint_prefix(p) as prefix:
        directory = p.eval(f"os.path.join({p.ref(prefix)}, 'run')", as_="directory")  # made by the manager
        if attach:  # the step given to the checkpoint after it is made, as an attribute
            checkpoint = p.eval("tf.train.Checkpoint()", as_="checkpoint")
            p.eval(f"setattr({p.ref(checkpoint)}, 'step', {p.ref(step)})")
        else:
            checkpoint = p.eval(f"tf.train.Checkpoint(step={p.ref(step)})", as_="checkpoint")
        first = manager(checkpoint, step, keep)
        count, written, kept = 0, 0, []  # kept: (name, count) of the saves listed, oldest first
        for action in actions:
            if action[0] == "train":
                counter = p.eval(f"{p.ref(checkpoint)}.step", as_="step") if action[2] else step
                for _ in range(action[1]):
                    p.method(counter, "assign_add", 1, as_="step_read")
                count += action[1]
                continue
            _, check, number = action
            if name := save(first, count, check, number, written):
                last = count if interval is not None else last
                written += 1
                kept = [*(k for k in kept if k[0] != name), (name, count)][-(keep or len(kept) + 1):]
            listed = p.eval(f"[os.path.basename(str(c)) for c in {p.ref(first)}.checkpoints]", as_="listed")
            ah.assert_equal(p, "listed", listed, [k[0] for k in kept])
        restored = eg.make_counter(p)
        again_checkpoint = p.eval(f"tf.train.Checkpoint(step={p.ref(restored)})", as_="again_checkpoint")
        inits = p.eval("[]", as_="inits")  # init_fn's calls: it runs only when there is nothing to restore
        again = manager(again_checkpoint, restored, keep or 3,
                        f"lambda: ({p.ref(inits)}.append(1), {p.ref(restored)}.assign(99))" if init else None, "again")
        path = p.method(again, "restore_or_initialize", as_="path")
        ah.assert_equal(p, "path and os.path.basename(path)", path and os.path.basename(str(path)),
                        kept[-1][0] if kept else None)
        ah.assert_equal(p, "len(inits)", len(inits), int(bool(init and not kept)))
        count = kept[-1][1] if kept else 99 if init else 0
        eg.assert_count(p, restored, count)
        if kept and interval is not None:  # a restore counts as a save at the restored step
            last = count
        save(again, count, None, None, written)  # numbered on from the restored checkpoint's save_counter


@pytest.mark.clause("TF2-CHECKPOINT-SAVE-COUNTER")
@given(actions=st.lists(st.tuples(st.sampled_from(["save", "write", "restore", "read"]), st.integers(0, 5)),
                        min_size=1, max_size=6), options=st.booleans())
@example(actions=[("save", 0), ("save", 0), ("write", 0), ("restore", 0), ("save", 0), ("read", 0), ("save", 0)],
         options=True)
def test_a_checkpoints_saves_are_numbered_by_its_save_counter(tf2, actions, options):
    """save(prefix) returns prefix-N, N its save_counter (saves, not writes); restore and read reset N."""
    p = Program(tf2)
    step = eg.make_counter(p)
    checkpoint = p.eval(f"tf.train.Checkpoint(step={p.ref(step)})", as_="checkpoint")
    option = ", options=tf.train.CheckpointOptions()" if options else ""
    count, files = 0, {"save": [], "write": []}  # the paths each way wrote, with the count each holds
    # Read first: TensorFlow makes save_counter on its first read or save, and a write before that carries none.
    eg.assert_count(p, p.attr(checkpoint, "save_counter"), 0)
    with eg.checkpoint_prefix(p) as prefix:
        for how, index in actions:
            if how in ("save", "write"):
                target = f"{p.ref(prefix)}" if how == "save" else f"{p.ref(prefix)} + '-written-{len(files['write'])}'"
                path = p.eval(f"{p.ref(checkpoint)}.{how}({target}{option})", as_="path")
                count += how == "save"
                expected = f"{prefix}-{count}" if how == "save" else f"{prefix}-written-{len(files['write'])}"
                ah.assert_equal(p, "path", str(path), expected)
                files[how].append((str(path), count))
            elif made := files["save" if how == "restore" else "write"]:  # restore what save wrote, read a write
                path, count = made[index % len(made)]
                p.eval(f"{p.ref(checkpoint)}.{how}({path!r}{option})", as_="status")
            eg.assert_count(p, p.attr(checkpoint, "save_counter"), count)


#: How a counter is updated: the method, the delta's form, and read_value (None: left out).
UPDATES = st.tuples(st.sampled_from(["assign", "assign_add", "assign_sub"]), st.integers(0, 2**40),
                    st.sampled_from(["int", "tensor"]), st.none() | st.booleans())


@pytest.mark.clause("TF2-VAR-UPDATES")
@given(start=st.integers(2**40, 2**41), updates=st.lists(UPDATES, min_size=1, max_size=5), counter=eg.counters)
@example(start=2**40, updates=[("assign_sub", 3, "tensor", False), ("assign", 7, "int", True),
                               ("assign_add", 1, "int", None)], counter=eg.Counter())
@example(start=2**40, updates=[("assign_add", 2**33 + 5, "int", None), ("assign", 5, "tensor", False),
                               ("assign_sub", 2**32 + 1, "int", True)], counter=eg.EVERY_OPTION)
def test_an_update_returns_the_counter_reading_its_new_value_unless_told_not_to(tf2, start, updates, counter):
    """assign, assign_add, assign_sub set the value and return it (None if read_value=False), however made."""
    p = Program(tf2)
    step = eg.make_counter(p, dataclasses.replace(counter, start=start))
    value = start
    for method, delta, form, read_value in updates:
        argument = f"tf.constant({delta}, dtype=tf.int64)" if form == "tensor" else str(delta)
        option = "" if read_value is None else f", read_value={read_value}"
        value = {"assign": delta, "assign_add": value + delta, "assign_sub": value - delta}[method]
        returned = p.eval(f"{p.ref(step)}.{method}({argument}{option})", as_="returned")
        if read_value is False:
            ah.assert_none(p, "returned", returned)
        else:
            ah.assert_equal(p, f"int({p.current('returned')})", int(np.asarray(returned)), value)
        eg.assert_count(p, step, value)


#: How a float vector [1.0, 2.0] is made, and which shapes of value an assign may give it: its own only, any
#: vector, or anything.
MADE = {"plain": "own", "shape=[2]": "own", "validate_shape=False": "own", "shape=[None]": "vector",
        "shape=tf.TensorShape([None])": "vector", "shape=tf.TensorShape(None)": "any"}
VALUES = ([0.0], [0.0, 1.0], [0.0, 1.0, 2.0], [[0.0, 1.0]])


@pytest.mark.clause("TF2-VAR-SHAPE")
@pytest.mark.parametrize("made", sorted(MADE))  # each way is a code path of its own: none left to chance
@given(values=st.lists(st.sampled_from(VALUES), min_size=1, max_size=3))
@example(values=[[0.0, 1.0, 2.0], [[0.0, 1.0]], [0.0]])
@example(values=[[0.0, 1.0, 2.0], [0.0, 1.0]])
def test_a_variable_keeps_its_shape_unless_made_with_an_unknown_one(tf2, made, values):
    """assign of a shape the variable was not made to take raises ValueError; one it takes keeps float32."""
    p = Program(tf2)
    option = "" if made == "plain" else f", {made}"
    w = p.eval(f"tf.Variable([1.0, 2.0]{option})", as_="w")
    held = [1.0, 2.0]
    for value in values:
        takes = {"own": np.shape(value) == (2,), "vector": np.ndim(value) == 1, "any": True}[MADE[made]]
        if takes:
            p.method(w, "assign", value, as_="returned")
            held = value
        else:
            ah.assert_method_raises(p, ValueError, w, "assign", value)
        observed = np.asarray(p.method(w, "numpy", as_="after")).tolist()
        ah.assert_equal(p, "after.tolist()", observed, held)
        ah.assert_equal(p, "w.dtype == tf.float32", p.eval(f"{p.ref(w)}.dtype == tf.float32"), True)


@pytest.mark.clause("TF2-VAR-SHAPE")
@given(refused=st.sampled_from(["shape=[2]", "shape=tf.TensorShape([3])", "shape=[1, 1]"]))
def test_a_variable_is_refused_a_shape_its_value_does_not_have(tf2, refused):
    """tf.Variable(0, dtype=tf.int64, shape=...) raises ValueError for a shape the scalar 0 does not have."""
    p = Program(tf2)
    p.define(f"def make():\n  return tf.Variable(0, dtype=tf.int64, {refused})\n", "make")
    ah.assert_method_raises(p, ValueError, p.eval("make", as_="make"), "__call__")
