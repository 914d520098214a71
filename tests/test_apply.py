"""Training increments the step by exactly one per run (spec group "apply": GS-APPLY-*).

Run for every optimizer in tests/strategies.OPTIMIZERS: the contract does not depend on the update rule.
"""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from harness import assertions as ah
from harness.profiles import fewer_examples
from harness.program import Program
from tests import scenarios as sc
from tests import strategies as gst

optimizers = pytest.mark.parametrize("optimizer", list(gst.OPTIMIZERS))
#: Building a train op costs TensorFlow 20-60 ms, and the optimizer grid already gives 10-20 cases per clause.
costly = fewer_examples(5)


def train_op(p, backend, optimizer, initial, *, entry="minimize", with_step=True):
    """A graph with the page's model over ``len(initial)`` variables and a train op; returns its parts."""
    g = sc.new_graph(p)
    with p.default(g):
        x, variables, loss = sc.model(p, initial)
        step = p.call("train.get_or_create_global_step", as_="step")
        opt = sc.make_optimizer(p, backend, optimizer, step)
        passed = {"global_step": step} if with_step else {}
        if entry == "minimize":
            op = p.method(opt, "minimize", loss, var_list=variables, **passed, as_="train_op")
        else:
            pairs = p.method(opt, "compute_gradients", loss, var_list=variables, as_="grads_and_vars")
            op = p.method(opt, "apply_gradients", pairs, **passed, as_="train_op")
    return g, x, variables, step, op


def run_and_check_steps(p, g, sess, op, step, feed, runs, *, adds):
    """Run ``op`` ``runs`` times; after each run the step must read ``adds`` times the run count."""
    with p.default(g):
        for done in range(1, runs + 1):
            p.method(sess, "run", op, feed_dict=feed)
            ah.assert_equal(p, "sess.run(step)", p.method(sess, "run", step, as_="value"), adds * done)


@optimizers
@pytest.mark.clause("GS-APPLY-MINIMIZE-ADDS-ONE")
@given(initial=gst.initial_values_lists, feed=gst.nonzero_feeds, runs=gst.run_counts)
@example(initial=[1.0, -2.0, 3.0], feed=1.5, runs=3)  # several variables, several runs: always checked
@costly
def test_minimize_adds_one_per_run(backend, optimizer, initial, feed, runs):
    """N runs of minimize(..., global_step=step) leave the step at N, for any number of variables."""
    p = Program(backend)
    g, x, _, step, op = train_op(p, backend, optimizer, initial)
    with sc.session(p, g) as sess:
        run_and_check_steps(p, g, sess, op, step, {x: feed}, runs, adds=1)


@optimizers
@pytest.mark.clause("GS-APPLY-GRADIENTS-ADDS-ONE")
@given(initial=gst.initial_values_lists, feed=gst.nonzero_feeds, runs=gst.run_counts)
@example(initial=[1.0, -2.0, 3.0], feed=1.5, runs=3)
@costly
def test_apply_gradients_adds_one_per_run(backend, optimizer, initial, feed, runs):
    """N runs of apply_gradients(..., global_step=step) leave the step at N."""
    p = Program(backend)
    g, x, _, step, op = train_op(p, backend, optimizer, initial, entry="apply_gradients")
    with sc.session(p, g) as sess:
        run_and_check_steps(p, g, sess, op, step, {x: feed}, runs, adds=1)


@optimizers
@pytest.mark.clause("GS-APPLY-ZERO-GRADIENT")
@given(initial=gst.initial_values_lists, runs=gst.run_counts)
@example(initial=[1.0, -2.0], runs=2)
@costly
def test_zero_gradients_still_add_one(backend, optimizer, initial, runs):
    """Feeding x = 0 (every gradient zero) still adds 1 per run."""
    p = Program(backend)
    g, x, _, step, op = train_op(p, backend, optimizer, initial)
    with sc.session(p, g) as sess:
        run_and_check_steps(p, g, sess, op, step, {x: 0.0}, runs, adds=1)


@optimizers
@pytest.mark.clause("GS-APPLY-WITHOUT-STEP")
@pytest.mark.parametrize("entry", ["minimize", "apply_gradients"])
@given(initial=gst.initial_values_lists, feed=gst.nonzero_feeds, runs=gst.run_counts)
@example(initial=[1.0, -2.0], feed=1.5, runs=2)
@costly
def test_without_global_step_the_step_stays(backend, optimizer, entry, initial, feed, runs):
    """A train op built without global_step leaves the step at 0."""
    p = Program(backend)
    g, x, _, step, op = train_op(p, backend, optimizer, initial, entry=entry, with_step=False)
    with sc.session(p, g) as sess:
        run_and_check_steps(p, g, sess, op, step, {x: feed}, runs, adds=0)


@optimizers
@pytest.mark.clause("GS-APPLY-UPDATES-VARIABLES")
@pytest.mark.parametrize("entry", ["minimize", "apply_gradients"])
@given(initial=gst.initial_values_lists, feed=gst.nonzero_feeds)
@costly
def test_variables_still_change(backend, optimizer, entry, initial, feed):
    """One run with a non-zero gradient changes every trained variable."""
    p = Program(backend)
    g, x, variables, _, op = train_op(p, backend, optimizer, initial, entry=entry)
    with sc.session(p, g) as sess, p.default(g):
        before = p.method(sess, "run", variables, as_="before")
        p.method(sess, "run", op, feed_dict={x: feed})
        after = p.method(sess, "run", variables, as_="after")
        for i, (old, new) in enumerate(zip(before, after, strict=True)):
            ah.assert_not_equal(p, f"after[{i}]", new, f"before[{i}]", old)


@pytest.mark.clause("GS-APPLY-AFTER-UPDATE")
@given(runs=st.integers(min_value=1, max_value=5))
@costly
def test_update_reads_the_step_before_the_increment(backend, runs):
    """With lr = 0.5 * (step + 1), run i moves v by -0.5 * i: the update saw step i - 1."""
    p = Program(backend)
    g = sc.new_graph(p)
    with p.default(g):
        v = p.call("Variable", 0.0, as_="v")
        step = p.call("train.get_or_create_global_step", as_="step")
        schedule = p.eval(f"0.5 * (tf1.cast({p.ref(step)}, tf1.float32) + 1.0)", as_="lr")
        opt = p.call("train.GradientDescentOptimizer", schedule, as_="opt")
        op = p.method(opt, "minimize", p.eval(f"{p.ref(v)} * 1.0", as_="loss"), global_step=step, var_list=[v],
                      as_="train_op")
    with sc.session(p, g) as sess, p.default(g):
        expected = 0.0
        for i in range(1, runs + 1):
            p.method(sess, "run", op)
            expected -= 0.5 * i
            ah.assert_equal(p, "sess.run(v)", float(p.method(sess, "run", v, as_="value")), expected)
