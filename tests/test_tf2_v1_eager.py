"""The v1 step and optimizers run eagerly by TensorFlow 2 (spec group "tf2": TF2-V1-*).

Half-way through a migration, TensorFlow 2 code still calls ``tf.compat.v1.train.get_or_create_global_step()``
and trains with a ``tf.compat.v1.train`` optimizer, eagerly or in a ``tf.function``: no graph, no session. Each
is a code path of its own in TensorFlow (``context.executing_eagerly()`` branches), and the contract holds there
too. Every example starts and ends with ``tf.compat.v1.reset_default_graph()``: the eager step lives in the
thread's default graph, which outlives the example otherwise.
"""

import contextlib

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from harness import assertions as ah
from harness.program import Program
from tests import eager as eg
from tests import strategies as gst

#: Every tf.compat.v1.train optimizer, with its constructor arguments (tests/strategies.py), but the user's.
OPTIMIZERS = tuple(name for name in gst.OPTIMIZERS if name not in gst.USER_OPTIMIZERS)
#: How the optimizer is called: minimize with the loss as a function, or apply_gradients with a tape's gradients.
ENTRIES = ("minimize", "apply_gradients")
#: How the training step runs: eagerly, or as a tf.function (slots made at the first trace), with its options.
RUNS = ("eager", "function", "no_autograph", "module")


@contextlib.contextmanager
def fresh_default_graph(p):
    """``tf.compat.v1.reset_default_graph()`` before and after: no eager step from an earlier example."""
    p.call("compat.v1.reset_default_graph")
    try:
        yield
    finally:
        with p.quiet():
            p.call("compat.v1.reset_default_graph")


@pytest.mark.clause("TF2-V1-STEP-EAGER")
@given(calls=st.integers(1, 3), looked=st.booleans(), thread=st.booleans())
@example(calls=2, looked=True, thread=True)
def test_the_eager_v1_step_is_made_once_and_returned_again(tf2, calls, looked, thread):
    """Eagerly, get_or_create_global_step() is one int64 non-trainable 0 per thread, made once."""
    p = Program(tf2)
    with fresh_default_graph(p):
        if looked:
            ah.assert_none(p, "before", p.call("compat.v1.train.get_global_step", as_="before"))
        step = p.call("compat.v1.train.get_or_create_global_step", as_="step")
        ah.assert_equal(p, "step.dtype == tf.int64", p.eval(f"{p.ref(step)}.dtype == tf.int64"), True)
        ah.assert_equal(p, "step.trainable", p.eval(f"{p.ref(step)}.trainable"), False)
        ah.assert_equal(p, "tuple(step.shape)", p.eval(f"tuple({p.ref(step)}.shape)"), ())
        ah.assert_equal(p, "step.name.split(':')[0]", p.eval(f"{p.ref(step)}.name.split(':')[0]"), "global_step")
        eg.assert_count(p, step, 0)
        for _ in range(calls):
            ah.assert_is(p, "again", p.call("compat.v1.train.get_or_create_global_step", as_="again"), step)
            ah.assert_is(p, "found", p.call("compat.v1.train.get_global_step", as_="found"), step)
        if thread:  # TensorFlow 2.21 (measured): each thread has its own default graph, so its own step
            p.define("import threading\n"
                     "def in_a_thread(function):\n"
                     "  made = []\n"
                     "  worker = threading.Thread(target=lambda: made.append(function()))\n"
                     "  worker.start()\n"
                     "  worker.join()\n"
                     "  return made[0]\n", "in_a_thread")
            other = p.eval("in_a_thread(tf.compat.v1.train.get_or_create_global_step)", as_="other")
            ah.assert_is_not(p, "other", other, step)
            eg.assert_count(p, other, 0)
            ah.assert_is(p, "again", p.call("compat.v1.train.get_or_create_global_step", as_="again"), step)


#: What the optimizer trains: w and u (the loss reads both), listed or (minimize only) left to the tape, or w alone.
VAR_LISTS = ("both", "omitted", "w")


def _train_step(p, run: str, entry: str, var_list: str, keywords: str, names: dict):
    """``train_step()``: one call of the optimizer as ``entry`` says, on the loss sum(w * w) + u * u, run as
    ``run`` says (RUNS); ``keywords``: minimize's other arguments, as Python."""
    listed = {"both": "[{w}, {u}]", "w": "[{w}]", "omitted": "[{w}, {u}]"}[var_list]
    loss = "tf.reduce_sum({w} * {w}) + {u} * {u}"
    if entry == "minimize":
        given = "" if var_list == "omitted" else f"var_list={listed}, "
        body = f"  {{opt}}.minimize(lambda: {loss}, {given}global_step={{global_step}}{keywords})\n"
    else:
        body = ("  with tf.GradientTape() as tape:\n"
                f"    loss = {loss}\n"
                f"  grads = tape.gradient(loss, {listed})\n"
                f"  {{opt}}.apply_gradients(zip(grads, {listed}), global_step={{global_step}})\n")
    return eg.define_step(p, run, body, names, parameters="", signature="[]")


def expected_values(optimizer: str, rates: list[float], var_list: str, weight: float, constraint: bool) -> list:
    """w and u after each call, worked out by hand for GradientDescent and Momentum (0.9): gradients 2w and 2u
    times ``weight`` (grad_loss), w halved after each update when it has the constraint; u untrained unless
    listed (or left to the tape, which watched it)."""
    w, u = np.array([1.0, 2.0]), np.array(3.0)
    velocity_w, velocity_u = np.zeros(2), np.zeros(())
    after = []
    for rate in rates:
        g_w, g_u = 2 * w * weight, 2 * u * weight
        if optimizer == "MomentumOptimizer":
            velocity_w, velocity_u = 0.9 * velocity_w + g_w, 0.9 * velocity_u + g_u
            g_w, g_u = velocity_w, velocity_u
        w = (w - rate * g_w) * (0.5 if constraint else 1.0)
        if var_list != "w":
            u = u - rate * g_u
        after.append([*w.tolist(), float(u)])
    return after


@pytest.mark.clause("TF2-V1-OPTIMIZER-EAGER")
@given(optimizer=st.sampled_from(OPTIMIZERS), entry=st.sampled_from(ENTRIES), run=st.sampled_from(RUNS),
       v1_step=st.booleans(), rate=st.sampled_from(["float", "callable"]), calls=st.integers(1, 4),
       var_list=st.sampled_from(VAR_LISTS), grad_loss=st.booleans(), gate=st.sampled_from([None, 0, 1, 2]),
       constraint=st.booleans())
@example(optimizer="GradientDescentOptimizer", entry="minimize", run="eager", v1_step=True, rate="callable",
         calls=3, var_list="w", grad_loss=True, gate=0, constraint=True)
@example(optimizer="MomentumOptimizer", entry="minimize", run="function", v1_step=False, rate="float", calls=2,
         var_list="omitted", grad_loss=False, gate=None, constraint=False)
@example(optimizer="AdagradDAOptimizer", entry="apply_gradients", run="module", v1_step=False, rate="float",
         calls=2, var_list="both", grad_loss=False, gate=None, constraint=False)
def test_a_v1_optimizer_run_eagerly_adds_one_per_call(tf2, optimizer, entry, run, v1_step, rate, calls, var_list,
                                                      grad_loss, gate, constraint):
    """Eagerly or in a tf.function, minimize / apply_gradients with global_step= adds 1 after the update."""
    p = Program(tf2)
    with fresh_default_graph(p):
        step = (p.call("compat.v1.train.get_or_create_global_step", as_="global_step") if v1_step
                else eg.make_counter(p))
        w = p.eval(f"tf.Variable([1.0, 2.0]{', constraint=lambda t: t * 0.5' if constraint else ''})", as_="w")
        u = p.eval("tf.Variable(3.0)", as_="u")
        arguments = dict(gst.OPTIMIZERS[optimizer])
        if "callable" not in gst.RATES_OF.get(optimizer, ()):
            rate = "float"  # Ftrl, the proximal and dual-averaging optimizers do not call one (measured)
        if rate == "callable":  # read when the update is made: the count before this call's increment
            arguments["learning_rate"] = p.eval(f"lambda: tf.cast({p.ref(step)}, tf.float32) * 0.1 + 0.1",
                                                as_="rate")
        if optimizer in gst.TAKES_STEP:
            arguments["global_step"] = step
        opt = p.call(f"compat.v1.train.{optimizer}", **arguments, as_="opt")
        if entry == "apply_gradients":
            var_list, grad_loss, gate = ("both" if var_list == "omitted" else var_list), False, None
        keywords = (", grad_loss=tf.constant(2.0)" if grad_loss else "") + (
            f", gate_gradients={gate}" if gate is not None else "")
        names = {"opt": p.ref(opt), "w": p.ref(w), "u": p.ref(u), "global_step": p.ref(step)}
        train_step = _train_step(p, run, entry, var_list, keywords, names)
        rates = [0.1 * call + 0.1 if rate == "callable" else 0.1 for call in range(calls)]
        expected = expected_values(optimizer, rates, var_list, 2.0 if grad_loss else 1.0, constraint)
        for call in range(calls):
            p.eval(f"{p.ref(train_step)}()")
            eg.assert_count(p, step, call + 1)
            if optimizer in ("GradientDescentOptimizer", "MomentumOptimizer"):  # the rate read before the increment
                value = p.eval(f"[*{p.ref(w)}.numpy().tolist(), float({p.ref(u)}.numpy())]", as_="value")
                ah.assert_close(p, "value", value, expected[call])
