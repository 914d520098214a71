"""The documented worked examples, line by line (spec group "example": GS-EXAMPLE-*).

Sources: the "Before migrating" block of
https://www.tensorflow.org/api_docs/python/tf/compat/v1/train/get_or_create_global_step, the same block in the
docstrings of get_global_step and create_global_step, and the example in global_step's docstring.
"""

import pytest

from harness import assertions as ah
from harness.program import Program

EXAMPLES = [
    pytest.param("get_or_create_global_step", marks=pytest.mark.clause("GS-EXAMPLE-SEED-PAGE"), id="seed-page"),
    pytest.param("get_or_create_global_step", marks=pytest.mark.clause("GS-EXAMPLE-GET-DOCSTRING"),
                 id="get_global_step-docstring"),
    pytest.param("create_global_step", marks=pytest.mark.clause("GS-EXAMPLE-CREATE-DOCSTRING"),
                 id="create_global_step-docstring"),
]


@pytest.mark.parametrize("creator", EXAMPLES)
def test_prints_zero_before_and_one_after_training(backend, creator):
    """The example reads 0 before training and 1 after one run of train_op."""
    p = Program(backend)
    g = p.call("Graph", as_="g")
    with p.default(g):
        x = p.call("placeholder", p.api_value("float32"), [], as_="x")
        v = p.call("Variable", 3.0, as_="v")  # compute_loss(x) from the page, inlined
        loss = p.eval("x * 5 - x * v", as_="loss")
        global_step = p.call(f"train.{creator}", as_="global_step")
        global_init = p.call("global_variables_initializer", as_="global_init")
        optimizer = p.call("train.GradientDescentOptimizer", 0.1, as_="optimizer")
        train_op = p.method(optimizer, "minimize", loss, global_step, [v], as_="train_op")
    sess = p.call("Session", graph=g, as_="sess")  # as on the page: the session is used outside the with
    try:
        p.method(sess, "run", global_init)
        ah.assert_equal(p, "before", p.method(sess, "run", global_step, as_="before"), 0)
        p.method(sess, "run", train_op, feed_dict={x: 3})
        ah.assert_equal(p, "after", p.method(sess, "run", global_step, as_="after"), 1)
        ah.assert_equal(p, f"round({p.ref(sess)}.run({p.ref(v)}), 4)", round(float(p.method(sess, "run", v)), 4), 3.3)
    finally:
        sess.close()


@pytest.mark.clause("GS-EXAMPLE-HELPER-DOCSTRING")
def test_helper_example_prints_ten(backend):
    """global_step's docstring example prints `global_step: 10`."""
    p = Program(backend)
    g = p.call("Graph", as_="g")
    with p.default(g):
        global_step_tensor = p.call("Variable", 10, trainable=False, name="global_step", as_="global_step_tensor")
        sess = p.call("Session", as_="sess")
        try:
            p.method(sess, "run", p.attr(global_step_tensor, "initializer"))
            value = p.call("train.global_step", sess, global_step_tensor, as_="value")
            ah.assert_equal(p, "'global_step: %s' % value", f"global_step: {value}", "global_step: 10")
        finally:
            sess.close()
