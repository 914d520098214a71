"""What a TF2 training step does beside its counter (spec group "tf2"): the gradients its tape gives and what
the optimizer does with them, the variables a tf.Module offers for training, the calls an input_signature
refuses, the constructor options of a tf.Variable, and a CheckpointManager driven by the step.

Each has a v1 counterpart the migration must keep: the step is not trained, a refused call counts nothing,
and checkpoints follow the step.
"""

from __future__ import annotations

import os
import shutil
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
    """One summand of a loss: its source over ``{w}`` (the trained variable), ``{x}`` (the input) and
    ``{s}`` (the counter), its value and its derivative in w, elementwise, as numpy computes them."""

    source: str
    value: object
    derivative: object

    def __repr__(self):
        return f"Term({self.source!r})"


#: The operations a loss is written with, each a separate gradient in TensorFlow: products either way round,
#: sums and differences with a Python number on either side, negation, a square, a cast through float64 (the
#: gradient passes) and through int32 (it does not), and the counter cast to float (it is not trained).
TERMS = (
    Term("{w} * {x}", lambda w, x, s: w * x, lambda w, x, s: x + 0 * w),
    Term("{x} * {w}", lambda w, x, s: x * w, lambda w, x, s: x + 0 * w),
    Term("{w} + 2.0", lambda w, x, s: w + 2, lambda w, x, s: np.ones_like(w)),
    Term("3.0 + {w}", lambda w, x, s: 3 + w, lambda w, x, s: np.ones_like(w)),
    Term("{w} - {x}", lambda w, x, s: w - x, lambda w, x, s: np.ones_like(w) + 0 * x),
    Term("2.0 - {w}", lambda w, x, s: 2 - w, lambda w, x, s: -np.ones_like(w)),
    Term("-{w}", lambda w, x, s: -w, lambda w, x, s: -np.ones_like(w)),
    Term("{w} * {w}", lambda w, x, s: w * w, lambda w, x, s: 2 * w),
    Term("tf.cast(tf.cast({w}, tf.float64) * 2.0, tf.float32)", lambda w, x, s: 2 * w,
         lambda w, x, s: 2 * np.ones_like(w)),
    Term("{w} * tf.cast(tf.cast({w}, tf.int32), tf.float32)", lambda w, x, s: w * np.trunc(w),
         lambda w, x, s: np.trunc(w)),
    Term("tf.cast({s}, tf.float32) * {w}", lambda w, x, s: s * w, lambda w, x, s: s + 0 * w),
)
HALVES = st.integers(-6, 6).map(lambda n: n / 2)  # exact in float32, with a fractional part for the int cast


@st.composite
def losses(draw):
    """(terms, w, x): w a scalar or a vector, x a scalar or a vector of w's length (broadcast either way)."""
    length = draw(st.integers(1, 3))
    w = draw(st.none() | st.lists(HALVES, min_size=length, max_size=length))
    x = draw(st.none() | st.lists(HALVES, min_size=length, max_size=length))
    w = draw(HALVES) if w is None else w
    x = draw(HALVES) if x is None else x
    terms = draw(st.lists(st.sampled_from(TERMS), min_size=1, max_size=4))
    return tuple(terms), w, x


def expected_gradient(terms, w, x, s) -> np.ndarray:
    """d reduce_sum(sum of terms) / dw: each term's derivative spread over the broadcast shape, summed back to w's."""
    w, x = np.asarray(w, dtype=np.float64), np.asarray(x, dtype=np.float64)
    shape = np.broadcast_shapes(*(np.shape(t.value(w, x, s)) for t in terms))
    total = sum(np.broadcast_to(t.derivative(w, x, s), shape) for t in terms)
    return np.asarray(total.sum() if w.ndim == 0 else total)


@dataclass(frozen=True)
class Tape:
    """How the tape is opened: ``persistent``, and whether it watches what is read or only what it is told."""

    persistent: bool = False
    watch_accessed: bool = True


@pytest.mark.clause("TF2-APPLY-UPDATES-VARIABLES")
@given(loss=losses(), start=st.integers(0, 4), compiled=st.booleans(), rate=st.sampled_from([0.5, 0.25, 0.01]),
       tape=st.builds(Tape, persistent=st.booleans(), watch_accessed=st.booleans()))
@example(loss=((TERMS[0],), 1.5, [1.0, 2.0]), start=0, compiled=False, rate=0.5, tape=Tape())
@example(loss=(TERMS[5:], [1.5, -2.5], 2.0), start=3, compiled=True, rate=0.25, tape=Tape(True, False))
def test_the_tapes_gradient_trains_the_variable_and_never_the_counter(tf2, loss, start, compiled, rate, tape):
    """tape.gradient gives d loss / dw (None for what the loss never reads); SGD moves w by -rate * it."""
    terms, w0, x0 = loss
    p = Program(tf2)
    step = eg.make_counter(p, eg.Counter(start=start))
    w = p.eval(f"tf.Variable({w0!r})", as_="w")
    u = p.eval("tf.Variable(1.0)", as_="u")
    optimizer = p.eval(f"tf.keras.optimizers.SGD({rate})", as_="optimizer")
    source = " + ".join(t.source.format(w="w", x="x", s="global_step") for t in terms)
    watch = "" if tape.watch_accessed else "    tape.watch(w)\n"
    p.define(f"{eg.decorator(compiled)}def gradients(w, u, global_step, x):\n"
             f"  with tf.GradientTape(persistent={tape.persistent}, "
             f"watch_accessed_variables={tape.watch_accessed}) as tape:\n{watch}"
             f"    loss = tf.reduce_sum({source})\n"
             f"  return tape.gradient(loss, [w, u, global_step])\n", "gradients")
    grads = p.eval(f"gradients({p.ref(w)}, {p.ref(u)}, {p.ref(step)}, tf.constant({x0!r}))", as_="grads")
    expected = expected_gradient(terms, w0, x0, start)
    ah.assert_close(p, "grads[0].numpy().ravel().tolist()", np.asarray(grads[0]).ravel().tolist(),
                    expected.ravel().tolist())
    ah.assert_none(p, "grads[1]", grads[1])
    ah.assert_none(p, "grads[2]", grads[2])
    p.method(optimizer, "apply_gradients", [(p.eval(f"{p.ref(grads)}[0]", as_="g"), w)])
    after = np.asarray(p.method(w, "numpy", as_="after"))
    ah.assert_close(p, "after.ravel().tolist()", after.ravel().tolist(),
                    (np.asarray(w0) - np.float32(rate) * expected).ravel().tolist())
    eg.assert_count(p, p.attr(optimizer, "iterations"), 1)
    eg.assert_count(p, step, start)


@pytest.mark.clause("TF2-APPLY-UPDATES-VARIABLES")
@given(persistent=st.booleans(), calls=st.integers(1, 3))
def test_a_tape_gives_gradients_again_only_when_persistent(tf2, persistent, calls):
    """A persistent tape answers every gradient call; any other refuses the second with RuntimeError."""
    p = Program(tf2)
    w = p.eval("tf.Variable(2.0)", as_="w")
    tape = p.eval(f"tf.GradientTape(persistent={persistent})", as_="tape")
    with tape:
        loss = p.eval(f"{p.ref(w)} * {p.ref(w)}", as_="loss")
    for call in range(calls):
        if call and not persistent:
            ah.assert_method_raises(p, RuntimeError, tape, "gradient", loss, w)
            return
        grad = p.method(tape, "gradient", loss, w, as_="grad")
        ah.assert_equal(p, f"float({p.current('grad')})", float(np.asarray(grad)), 4.0)


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


@pytest.mark.clause("TF2-SIGNATURE-REFUSES")
@given(calls=st.lists(st.sampled_from(["match", "python", "dtype", "rank", "fewer", "more"]), min_size=1,
                      max_size=5), method=st.booleans())
@example(calls=["match", "dtype", "python", "rank", "fewer", "more", "match"], method=True)
def test_a_call_its_input_signature_refuses_raises_typeerror_and_counts_nothing(tf2, calls, method):
    """A step with input_signature=[TensorSpec([None], float32)] refuses other dtypes, ranks and arities."""
    p = Program(tf2)
    step = eg.make_counter(p)
    signature = "input_signature=[tf.TensorSpec([None], tf.float32)]"
    if method:
        p.define("class Trainer(tf.Module):\n"
                 "  def __init__(self, global_step):\n    super().__init__()\n    self.global_step = global_step\n"
                 f"  @tf.function({signature})\n"
                 "  def train_step(self, x):\n    self.global_step.assign_add(1)\n    return tf.reduce_sum(x)\n",
                 "Trainer")
        trainer = p.eval(f"Trainer({p.ref(step)})", as_="trainer")  # kept: its tf.function holds it weakly
        train_step = p.eval(f"{p.ref(trainer)}.train_step", as_="train_step")
    else:
        train_step = p.define(f"@tf.function({signature})\ndef train_step(x):\n"
                              f"  {p.ref(step)}.assign_add(1)\n  return tf.reduce_sum(x)\n", "train_step")
    arguments = {"match": ["tf.constant([1.0, 2.0])"], "python": ["[1.0, 2.0, 3.0]"], "dtype": ["tf.constant([1, 2])"],
                 "rank": ["tf.constant(1.0)"], "fewer": [], "more": ["tf.constant([1.0])", "tf.constant([1.0])"]}
    done = 0
    for call in calls:
        args = [p.eval(source, as_="x") for source in arguments[call]]
        if call in ("match", "python"):
            p.eval(f"{p.ref(train_step)}({', '.join(p.ref(arg) for arg in args)})", as_="loss")
            done += 1
        else:  # TensorFlow: "Binding inputs to tf.function failed"
            ah.assert_method_raises(p, TypeError, train_step, "__call__", *args)
        eg.assert_count(p, step, done)


#: What a training loop does between saves: train k steps, or ask the manager to save, with check_interval and
#: checkpoint_number (None: numbered by the checkpoint's save_counter; an int, or a tensor) as drawn.
ACTIONS = st.one_of(
    st.tuples(st.just("train"), st.integers(0, 3)),
    st.tuples(st.just("save"), st.booleans(), st.none() | st.tuples(st.integers(1, 12), st.booleans())),
)


def saves(interval: int | None, last: int | None, count: int, check: bool) -> bool:
    """Whether CheckpointManager.save writes at ``count``, ``last`` being the count of its last save."""
    return interval is None or last is None or (count != last and not (check and count < last + interval))


@pytest.mark.clause("TF2-CHECKPOINT-MANAGER-INTERVAL")
@given(interval=st.none() | st.integers(1, 3), keep=st.none() | st.integers(1, 3),
       actions=st.lists(ACTIONS, min_size=1, max_size=8), init=st.booleans(), last=st.none() | st.integers(0, 3))
@example(interval=2, keep=2, init=True, last=None,
         actions=[("save", True, None), ("save", True, None), ("save", False, None), ("train", 1),
                  ("save", True, None), ("save", False, None), ("train", 1), ("save", True, None),
                  ("train", 2), ("save", True, (7, True)), ("train", 2), ("save", True, None)])
@example(interval=3, keep=None, init=False, last=1, actions=[("save", True, None), ("train", 3)])
def test_a_manager_saves_when_the_counter_has_moved_its_interval(tf2, interval, keep, actions, init, last):
    """save() writes only once the step moved `interval` since the last save; the newest `keep` are kept."""
    p = Program(tf2)
    step = eg.make_counter(p)
    p.define("import os", "os")
    folder = p.define("import tempfile\nfolder = tempfile.mkdtemp()", "folder")

    def manager(counter, keep, init_fn=None, as_="manager"):
        return p.eval(f"tf.train.CheckpointManager(tf.train.Checkpoint(step={p.ref(counter)}), {p.ref(folder)}, "
                      f"max_to_keep={keep}, step_counter={p.ref(counter)}, checkpoint_interval={interval}, "
                      f"last_checkpoint_step={last}, init_fn={init_fn})", as_=as_)

    def save(manager, count: int, check: bool, number=None) -> bool:
        arguments = [f"check_interval={check}"]
        if number is not None:
            arguments.append(f"checkpoint_number={f'tf.constant({number[0]})' if number[1] else number[0]}")
        path = p.eval(f"{p.ref(manager)}.save({', '.join(arguments)})", as_="path")
        written = saves(interval, last, count, check)
        expected = f"ckpt-{number[0] if number else len(counts) + 1}" if written else None
        ah.assert_equal(p, "path and os.path.basename(path)", path and os.path.basename(str(path)), expected)
        return written

    try:
        first = manager(step, keep)
        count, kept, counts = 0, [], []
        for action in actions:
            if action[0] == "train":
                for _ in range(action[1]):
                    p.method(step, "assign_add", 1, as_="step_read")
                count += action[1]
                continue
            _, check, number = action
            name = f"ckpt-{number[0] if number else len(counts) + 1}"
            if save(first, count, check, number):
                last = count if interval is not None else last
                counts.append(count)
                kept = [*(k for k in kept if k[0] != name), (name, count)][-(keep or len(kept) + 1):]
            listed = p.eval(f"[os.path.basename(str(c)) for c in {p.ref(first)}.checkpoints]", as_="listed")
            ah.assert_equal(p, "listed", listed, [k[0] for k in kept])
        restored = eg.make_counter(p)
        again = manager(restored, keep or 3, f"lambda: {p.ref(restored)}.assign(99)" if init else None, "again")
        path = p.method(again, "restore_or_initialize", as_="path")
        ah.assert_equal(p, "path and os.path.basename(path)", path and os.path.basename(str(path)),
                        kept[-1][0] if kept else None)
        count = kept[-1][1] if kept else 99 if init else 0
        eg.assert_count(p, restored, count)
        if kept and interval is not None:  # a restore counts as a save at the restored step
            last = count
        save(again, count, True)  # numbered on from the restored checkpoint's save_counter
    finally:
        shutil.rmtree(folder, ignore_errors=True)


#: How a counter is updated: the method, the delta's form, and read_value (None: left out).
UPDATES = st.tuples(st.sampled_from(["assign", "assign_add", "assign_sub"]), st.integers(0, 2**40),
                    st.sampled_from(["int", "tensor"]), st.none() | st.booleans())


@pytest.mark.clause("TF2-VAR-UPDATES")
@given(start=st.integers(2**40, 2**41), updates=st.lists(UPDATES, min_size=1, max_size=5))
@example(start=2**40, updates=[("assign_sub", 3, "tensor", False), ("assign", 7, "int", True),
                               ("assign_add", 1, "int", None)])
def test_an_update_returns_the_counter_reading_its_new_value_unless_told_not_to(tf2, start, updates):
    """assign, assign_add and assign_sub set the new value and return it, or None with read_value=False."""
    p = Program(tf2)
    step = eg.make_counter(p, eg.Counter(start=start))
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


@pytest.mark.clause("TF2-VAR-SHAPE")
@given(made=st.sampled_from(["plain", "shape=[2]", "validate_shape=False", "shape=tf.TensorShape(None)"]),
       length=st.sampled_from([1, 2, 3]))
def test_a_variable_keeps_its_shape_unless_made_with_an_unknown_one(tf2, made, length):
    """assign of another shape raises ValueError, but for a variable made with shape=tf.TensorShape(None)."""
    p = Program(tf2)
    option = "" if made == "plain" else f", {made}"
    w = p.eval(f"tf.Variable([1.0, 2.0]{option})", as_="w")
    value = [float(i) for i in range(length)]
    if length != 2 and made != "shape=tf.TensorShape(None)":
        ah.assert_method_raises(p, ValueError, w, "assign", value)
        value = [1.0, 2.0]
    else:
        p.method(w, "assign", value, as_="returned")
    observed = np.asarray(p.method(w, "numpy", as_="after")).tolist()
    ah.assert_equal(p, "after.tolist()", observed, value)


@pytest.mark.clause("TF2-VAR-SHAPE")
@given(refused=st.sampled_from(["shape=[2]", "shape=tf.TensorShape([3])", "shape=[1, 1]"]))
def test_a_variable_is_refused_a_shape_its_value_does_not_have(tf2, refused):
    """tf.Variable(0, dtype=tf.int64, shape=...) raises ValueError for a shape the scalar 0 does not have."""
    p = Program(tf2)
    p.define(f"def make():\n  return tf.Variable(0, dtype=tf.int64, {refused})\n", "make")
    ah.assert_method_raises(p, ValueError, p.eval("make", as_="make"), "__call__")
