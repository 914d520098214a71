"""Training increments the step by exactly one per run (spec group "apply": GS-APPLY-*).

Run for every optimizer in tests/strategies.OPTIMIZERS: the contract does not depend on the update rule. Each
example draws a whole training set-up (gst.trainings): the entry point and its call form, the library's step or
a user's step of any integer dtype, the value training starts from, the kind of gradient, the context the op
is built in, and a second session on the graph that must not move.
"""

import contextlib
import dataclasses
import math

import numpy as np
import pytest
from hypothesis import example, given

from harness import assertions as ah
from harness.outcomes import checking
from harness.profiles import fewer_examples
from harness.program import Program
from tests import scenarios as sc
from tests import strategies as gst

# Each example builds and runs a training graph: in the fail-fast order, after every cheap test.
slow = pytest.mark.slow

optimizers = pytest.mark.parametrize("optimizer", list(gst.OPTIMIZERS))
#: Building a train op costs TensorFlow 20-60 ms, and the optimizer grid already gives 10-20 cases per clause,
#: each with an explicit sweep example (gst.sweep) that covers every call form, gradient kind and step dtype.
costly = fewer_examples(10, least=2)
#: The page's own call: minimize(loss, global_step, var_list) with the library's step, dense gradients.
PAGE = gst.Training(form="positional", initial=(1.0, -2.0, 3.0), runs=3)


#: Where the cheap all-optimizer test starts the library's int64 step: past int32's largest value after one run.
PAST_INT32 = 2**31 - 1


@slow  # the first of them (round 0, first in file order): after the cheap tests, before any other training
@pytest.mark.clause("GS-APPLY-MINIMIZE-ADDS-ONE", "GS-APPLY-GRADIENTS-ADDS-ONE", "GS-APPLY-UPDATES-VARIABLES",
                    "GS-APPLY-ONLY-VAR-LIST")
def test_every_optimizer_counts_and_trains_in_one_graph(backend):
    """A train op per optimizer on one step from 2**31 - 1: each run adds one and trains its var_list only."""
    p = Program(backend)
    g = sc.new_graph(p)
    names = [n for n in gst.OPTIMIZERS
             if n in gst.REQUIRED_OPTIMIZERS or n in gst.USER_OPTIMIZERS or backend.has(f"train.{n}")]
    with p.default(g):
        step = p.call("train.get_or_create_global_step", as_="step")
        start = p.method(step, "assign", PAST_INT32, as_="set_start")
        frozen = p.call("Variable", 1.0, name="frozen", as_="frozen")  # in every loss, in no var_list
        trained, optimizers = [], []
        for i, name in enumerate(names):
            w = p.call("Variable", 1.0, name=f"w_{i}", as_="w")
            loss = p.eval(f"{p.ref(w)} * 2.0 + {p.ref(frozen)} * 3.0", as_="loss")
            opt = sc.make_optimizer(p, backend, name, step)
            optimizers.append(opt)
            if i % 2 == 0:  # minimize, var_list a list or a tuple ("list or tuple of Variable objects")
                op = p.method(opt, "minimize", loss, global_step=step, var_list=(w,) if i % 4 else [w],
                              as_="train_op")
            else:  # compute_gradients, then apply_gradients(grads_and_vars, global_step) by position
                pairs = p.method(opt, "compute_gradients", loss, var_list=[w], as_="grads_and_vars")
                op = p.method(opt, "apply_gradients", pairs, step, as_="train_op")
            trained.append((w, op, "GS-APPLY-MINIMIZE-ADDS-ONE" if i % 2 == 0 else "GS-APPLY-GRADIENTS-ADDS-ONE"))
        # The first optimizer once more, counting into a counter of its own: it is not bound to the first step.
        # That counter is the other kind of variable global_step= takes: a RefVariable (use_resource=False).
        head = p.call("Variable", 0, dtype=p.api_value("int64"), trainable=False, name="head_step",
                      use_resource=False, as_="head_step")
        head_w = p.call("Variable", 1.0, name="head_w", as_="head_w")
        head_op = p.method(optimizers[0], "minimize", p.eval(f"{p.ref(head_w)} * 2.0", as_="head_loss"),
                           global_step=head, var_list=[head_w], as_="head_op")
        init = p.call("global_variables_initializer", as_="init")
    with sc.session(p, g) as sess, p.default(g):
        p.method(sess, "run", init)
        p.method(sess, "run", start)
        for done, (w, op, clause) in enumerate(trained, start=1):
            p.method(sess, "run", op)
            with checking(clause):
                value = p.method(sess, "run", step, as_="value")
                ah.assert_equal(p, f"{p.ref(sess)}.run({p.ref(step)})", sc.plain(value), PAST_INT32 + done)
            with checking("GS-APPLY-UPDATES-VARIABLES"):
                value = p.method(sess, "run", w, as_="value")
                ah.assert_not_equal(p, f"{p.ref(sess)}.run({p.ref(w)})", sc.plain(value), "1.0", 1.0)  # its start
        p.method(sess, "run", head_op)
        with checking("GS-APPLY-MINIMIZE-ADDS-ONE"):
            counts = p.method(sess, "run", [head, step], as_="counts")
            ah.assert_equal(p, "counts", [sc.plain(c) for c in counts], [1, PAST_INT32 + len(trained)])
        with checking("GS-APPLY-ONLY-VAR-LIST"):
            value = p.method(sess, "run", frozen, as_="value")
            ah.assert_equal(p, f"{p.ref(sess)}.run({p.ref(frozen)})", sc.plain(value), 1.0)


def train_and_check(p, backend, training, *, adds: int) -> sc.Built:
    """Build ``training``, run it; after each run the step must read start + ``adds`` x runs."""
    built = sc.build_training(p, backend, training)
    g = built.graph
    with sc.session(p, g) as sess, contextlib.ExitStack() as stack, p.default(g):
        built.start(p, sess)
        if training.bystander:
            other = stack.enter_context(sc.session(p, g))
            built.start(p, other, assign=False)
        for done in range(1, training.runs + 1):
            op = built.op_for_run(done)
            fetches = {"op": op, "op twice": [op, op], "op and step": [op, built.step],
                       "both ops": [built.op, built.other_op]}[training.fetch]
            p.method(sess, "run", fetches, feed_dict={built.x: training.feed})
            value = p.method(sess, "run", built.step, as_="value")
            ah.assert_equal(p, f"{p.ref(sess)}.run({p.ref(built.step)})", sc.plain(value),
                            training.start + adds * training.per_run * done)
        if training.bystander:
            value = p.method(other, "run", built.step, as_="value")
            ah.assert_equal(p, f"{p.ref(other)}.run({p.ref(built.step)})", sc.plain(value), 0)
        assert_untouched(p, sess, built)
    return built


def assert_untouched(p, sess, built):
    """The counters no run of the op may move read 0: each op counts into the step it was given, no other."""
    for counter in built.untouched:
        value = p.method(sess, "run", counter, as_="value")
        ah.assert_equal(p, f"{p.ref(sess)}.run({p.ref(counter)})", sc.plain(value), 0)


@slow
@optimizers
@pytest.mark.clause("GS-APPLY-MINIMIZE-ADDS-ONE")
@given(training=gst.trainings(entries=("minimize",), nonfinite=True))
@example(training=PAGE)
@example(training=gst.SWEEP["minimize"])
@example(training=gst.SWEEP_EVERY["minimize"])
@costly
def test_minimize_adds_one_per_run(backend, optimizer, training):
    """N runs of minimize(..., global_step=step) add N, in every call form and state."""
    training = training.using(optimizer)
    train_and_check(Program(backend), backend, training, adds=1)


@slow
@optimizers
@pytest.mark.clause("GS-APPLY-GRADIENTS-ADDS-ONE")
@given(training=gst.trainings(entries=("apply_gradients",), nonfinite=True))
@example(training=gst.SWEEP["apply_gradients"])
@example(training=gst.SWEEP_EVERY["apply_gradients"])
@costly
def test_apply_gradients_adds_one_per_run(backend, optimizer, training):
    """N runs of apply_gradients(..., global_step=step) add N, for any pairs given."""
    training = training.using(optimizer)
    train_and_check(Program(backend), backend, training, adds=1)


@slow
@optimizers
@pytest.mark.clause("GS-APPLY-ZERO-GRADIENT")
@given(training=gst.trainings(zero=True))
@example(training=gst.SWEEP["minimize apply_gradients"])
@costly
def test_zero_gradients_still_add_one(backend, optimizer, training):
    """Runs whose gradients are all zero still add 1 each."""
    training = dataclasses.replace(training.using(optimizer), feed=0.0)
    train_and_check(Program(backend), backend, training, adds=1)


def run_and_check_variables(p, sess, built, done: int, feed: float, before: list) -> list:
    """Run the op of run ``done``: the variables it trains change, every other watched variable stays.

    ``before`` holds the values of ``built.watched`` before the run; returns them after it.
    """
    p.method(sess, "run", built.op_for_run(done), feed_dict={built.x: feed})
    after = p.method(sess, "run", built.watched, as_="after")
    trains = built.trains(done)
    for i, (old, new) in enumerate(zip(before, after, strict=True)):
        if i in trains:
            with checking("GS-APPLY-UPDATES-VARIABLES"):
                ah.assert_not_equal(p, f"{p.ref(after)}[{i}]", sc.plain(new), f"{p.ref(before)}[{i}]", sc.plain(old))
        else:
            with checking("GS-APPLY-ONLY-VAR-LIST"):
                ah.assert_equal(p, f"{p.ref(after)}[{i}]", sc.plain(new), sc.plain(old))
    return after


@slow
@optimizers
@pytest.mark.clause("GS-APPLY-WITHOUT-STEP", "GS-APPLY-UPDATES-VARIABLES", "GS-APPLY-ONLY-VAR-LIST")
@given(training=gst.trainings(user_step=False))
@example(training=gst.SWEEP["minimize apply_gradients"])
@costly
def test_without_global_step_the_step_stays_and_variables_train(backend, optimizer, training):
    """A train op built without global_step leaves the step where it was, and still trains."""
    p = Program(backend)
    training = training.using(optimizer).moving()
    built = sc.build_training(p, backend, training, with_step=False)
    with sc.session(p, built.graph) as sess, p.default(built.graph):
        built.start(p, sess)
        before = p.method(sess, "run", built.watched, as_="before")
        for done in range(1, training.runs + 1):
            before = run_and_check_variables(p, sess, built, done, training.feed, before)
            with checking("GS-APPLY-WITHOUT-STEP"):
                ah.assert_equal(p, f"{p.ref(sess)}.run({p.ref(built.step)})",
                                sc.plain(p.method(sess, "run", built.step, as_="value")), training.start)
                assert_untouched(p, sess, built)


@slow
@optimizers
@pytest.mark.clause("GS-APPLY-UPDATES-VARIABLES", "GS-APPLY-ONLY-VAR-LIST")
@given(training=gst.trainings(gradients=("dense", "sparse-gather", "sparse-embedding", "unused-variable")))
@example(training=gst.SWEEP["minimize apply_gradients"])
@costly
def test_every_run_changes_var_list_and_nothing_else(backend, optimizer, training):
    """Each run changes the variables its op trains, none that var_list leaves out or another op trains."""
    p = Program(backend)
    training = training.using(optimizer).moving()
    left_out = training.form != "default-var-list"  # with the default var_list nothing is left out
    built = sc.build_training(p, backend, training, left_out=left_out)
    with sc.session(p, built.graph) as sess, p.default(built.graph):
        built.start(p, sess)
        before = p.method(sess, "run", built.watched, as_="before")
        for done in range(1, training.runs + 1):
            before = run_and_check_variables(p, sess, built, done, training.feed, before)


def every_form(test):
    """``test`` with an explicit example per call form of minimize and apply_gradients (gst.ENTRY_FORMS): the
    order of update and increment may differ by form (gate_gradients, say), and the test has no optimizer grid."""
    for entry, forms in gst.ENTRY_FORMS.items():
        for i, form in enumerate(forms):  # every other one with grad_loss, which scales the update
            test = example(training=gst.Training(entry=entry, form=form, initial=(0.0,), runs=2, feed=1.0,
                                                 making=gst.Making(grad_loss=i % 2 == 0,
                                                                   rate="callable" if i % 3 == 1 else "tensor")))(test)
    return test


@slow
@pytest.mark.clause("GS-APPLY-AFTER-UPDATE")
@given(training=gst.trainings(gradients=("dense",), max_start=50))
@every_form
@costly
def test_update_reads_the_step_before_the_increment(backend, training):
    """With lr = 0.5 * (step + 1) (a tensor, or a callable returning it), run i moves v by the old step."""
    p = Program(backend)
    g = sc.new_graph(p)
    with p.default(g):
        x = p.call("placeholder", p.api_value("float32"), [], as_="x")
        v = p.call("Variable", 0.0, as_="v")
        step = sc.make_step(p, training.step)
        start = p.method(step, "assign", training.start, as_="set_start")  # also initialises it
        rate = f"0.5 * (tf1.cast({p.ref(step)}, tf1.float32) + 1.0)"
        # A callable builds its read of the step when the optimizer calls it, inside apply_gradients, so the read
        # is ordered by the train op's own dependencies; a tensor built here is read in whatever order the
        # runtime picks, which can hide an increment made first.
        schedule = p.eval(f"lambda: {rate}" if training.making.rate == "callable" else rate, as_="lr")
        with sc.within(p, training.context, fed=x):
            opt = p.call("train.GradientDescentOptimizer", schedule, as_="opt")
            loss = p.eval(f"{p.ref(v)} * {p.ref(x)}", as_="loss")
            op = sc._entry(p, opt, loss, step, [v], [x], training)
    with sc.session(p, g) as sess, p.default(g):
        p.method(sess, "run", start)
        expected = 0.0
        for i in range(1, training.runs + 1):
            p.method(sess, "run", op, feed_dict={x: 1.0})
            expected -= 0.5 * (training.start + i) * sc.gradient_scale(training)  # grad_loss scales the gradient
            value = sc.plain(p.method(sess, "run", v, as_="value"))
            ah.assert_equal(p, f"{p.ref(sess)}.run({p.ref(v)})", value, expected)


def loss_scale_argument(p, scaling: gst.LossScaling):
    """The ``loss_scale`` argument ``scaling.kind`` names: "dynamic", a number, an int, or a loss scale object."""
    if scaling.kind == "DynamicLossScale":
        return p.call("mixed_precision.DynamicLossScale", initial_loss_scale=scaling.initial,
                      increment_period=scaling.period, multiplier=scaling.multiplier, as_="loss_scale")
    if scaling.kind == "FixedLossScale":
        return p.call("mixed_precision.FixedLossScale", scaling.fixed, as_="loss_scale")
    return {"dynamic": "dynamic", "number": scaling.fixed, "int": int(scaling.fixed)}[scaling.kind]


@pytest.mark.clause("GS-APPLY-LOSS-SCALE-SKIPS")
@given(scaling=gst.loss_scalings)
@example(scaling=gst.LossScaling(feeds=(1.0, float("inf"), 1.0, float("nan"), 0.0)))
@example(scaling=gst.LossScaling(feeds=(float("nan"), 2.5e34, 1.0)))  # the default multiplier: 2**15 / 2
@example(scaling=gst.LossScaling(kind="DynamicLossScale", initial=2.0**127, period=1, entry="compute-apply",
                                 step="int32", feeds=(4.0,) * 6))
# Growth: after 2 finite runs in a row, the count restarting after a growth; after 3; the count restarting after
# a skip (each sequence tells those rules from their off-by-ones).
@example(scaling=gst.LossScaling(kind="DynamicLossScale", initial=2.0**124, period=2,
                                 feeds=(1.0, 1.0, 1.0, 4.0, 1.0)))
@example(scaling=gst.LossScaling(kind="DynamicLossScale", initial=2.0**124, period=3, entry="compute-apply",
                                 feeds=(1.0, 1.0, 1.0, 1.0, 4.0)))
@example(scaling=gst.LossScaling(kind="DynamicLossScale", initial=2.0**124, period=2, optimizer="MomentumOptimizer",
                                 feeds=(1.0, 1.0, 8.0, 1.0, 8.0)))
@example(scaling=gst.LossScaling(kind="DynamicLossScale", initial=2.0**127, period=1, feeds=(0.0, 0.0, 1.0)))
@example(scaling=gst.LossScaling(kind="DynamicLossScale", initial=1.0, period=1, feeds=(float("nan"), 1.0, 2e38)))
@example(scaling=gst.LossScaling(kind="DynamicLossScale", initial=2.0**126, entry="compute-apply", feeds=(2.0, 1.0),
                                 grad_loss=True))  # grad_loss doubles the scaled gradient: 2 * 2 * 2**126 overflows
@example(scaling=gst.LossScaling(kind="DynamicLossScale", initial=2.0**126, feeds=(2.0, 1.0), grad_loss=True))
@example(scaling=gst.LossScaling(kind="FixedLossScale", fixed=128.0, entry="minimize", feeds=(4.0, 1.0),
                                 grad_loss=True))
@example(scaling=gst.LossScaling(kind="number", entry="hand-built", feeds=(1.0, float("inf"), 1.0)))
def test_a_loss_scale_wrapper_counts_only_the_runs_it_applies(backend, scaling):
    """Behind the v1 loss-scale wrapper a dynamic scale counts only finite runs, a fixed one every run."""
    if not backend.has("mixed_precision.MixedPrecisionLossScaleOptimizer"):
        pytest.skip(f"backend {backend.name!r} has no tf1.mixed_precision.MixedPrecisionLossScaleOptimizer "
                    "(optional: checked where provided)")
    p = Program(backend)
    g = sc.new_graph(p)
    with p.default(g):
        x = p.call("placeholder", p.api_value("float32"), [], as_="x")
        w = p.call("Variable", 1.0, as_="w")
        step = sc.make_step(p, gst.UserStep(scaling.step) if scaling.step else None)
        inner = sc.make_optimizer(p, backend, scaling.optimizer, step)
        opt = p.call("mixed_precision.MixedPrecisionLossScaleOptimizer", inner, loss_scale_argument(p, scaling),
                     as_="opt")
        loss = p.eval(f"{p.ref(x)} * {p.ref(w)}", as_="loss")
        passed = {"gate_gradients": p.api_value("train.Optimizer.GATE_GRAPH"),
                  "aggregation_method": p.api_value("AggregationMethod.ADD_N"), "colocate_gradients_with_ops": True,
                  "grad_loss": p.call("constant", 2.0, as_="grad_loss")} if scaling.grad_loss else {}
        idle = p.call("Variable", 0.5, as_="idle")  # in var_list, not in the loss: its gradient is None
        if scaling.entry == "minimize":
            op = p.method(opt, "minimize", loss, global_step=step, var_list=[w, idle], **passed, as_="train_op")
        else:
            pairs = (p.method(opt, "compute_gradients", loss, var_list=[w, idle], **passed, as_="grads_and_vars")
                     if scaling.entry == "compute-apply" else [(x, w)])
            op = p.method(opt, "apply_gradients", pairs, global_step=step, as_="train_op")
        trainable = p.call("trainable_variables", as_="trainable")  # the loss scale's own are not
        ah.assert_equal(p, f"[v is {p.ref(w)} for v in {p.ref(trainable)}]", [v is w for v in trainable],
                        [True, False])
    with sc.session(p, g) as sess, p.default(g):
        before, counts = p.method(sess, "run", w, as_="before"), scaling.counts()
        for done, feed in enumerate(scaling.feeds):
            p.method(sess, "run", op, feed_dict={x: feed})
            value = sc.plain(p.method(sess, "run", step, as_="value"))
            ah.assert_equal(p, f"{p.ref(sess)}.run({p.ref(step)})", value, counts[done])
            after = p.method(sess, "run", w, as_="after")
            if counts[done] == (counts[done - 1] if done else 0):  # skipped: no update either (as text: nan == nan)
                ah.assert_equal(p, f"str({p.ref(sess)}.run({p.ref(w)}))", str(sc.plain(after)), str(sc.plain(before)))
            elif scaling.optimizer == "GradientDescentOptimizer" and not scaling.dynamic and scaling.fixed <= 128:
                # applied: the gradient scaled and unscaled exactly (a power of 2 whose reciprocal is a normal
                # float32: TF 2.21 leaves w as it was under a fixed 2**127), times grad_loss; w -= 0.1 * gradient
                factor = 2.0 if scaling.grad_loss and scaling.entry != "hand-built" else 1.0
                scale = 1.0 if scaling.entry == "hand-built" else scaling.fixed
                with np.errstate(over="ignore"):
                    scaled = np.float32(factor) * np.float32(scale) * np.float32(feed)  # overflows as float32 does
                moved = float(before) - 0.1 * feed * factor
                if np.isfinite(scaled) and abs(feed) <= 16 and math.isfinite(moved):  # rounding stays small
                    ah.assert_close(p, f"[float({p.ref(sess)}.run({p.ref(w)}))]", [float(after)], [moved])
            before = after
