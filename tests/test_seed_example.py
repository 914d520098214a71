"""The API page's worked example, line by line (spec group "example": GS-EXAMPLE-SEED-PAGE).

Source: the "Before migrating" block of
https://www.tensorflow.org/api_docs/python/tf/compat/v1/train/get_or_create_global_step
"""

import pytest

from harness import assertions as ah
from harness.program import Program


@pytest.mark.clause("GS-EXAMPLE-SEED-PAGE")
def test_prints_zero_before_and_one_after_training(backend):
    """The example reads 0 before training and 1 after one run of train_op."""
    p = Program(backend)
    g = p.call("Graph", as_="g")
    with p.default(g):
        x = p.call("placeholder", p.api_value("float32"), [], as_="x")
        v = p.call("Variable", 3.0, as_="v")  # compute_loss(x) from the page, inlined
        loss = p.eval("x * 5 - x * v", as_="loss")
        global_step = p.call("train.get_or_create_global_step", as_="global_step")
        global_init = p.call("global_variables_initializer", as_="global_init")
        optimizer = p.call("train.GradientDescentOptimizer", 0.1, as_="optimizer")
        train_op = p.method(optimizer, "minimize", loss, global_step, [v], as_="train_op")
    sess = p.call("Session", graph=g, as_="sess")  # as on the page: the session is used outside the with
    try:
        p.method(sess, "run", global_init)
        ah.assert_equal(p, "before", p.method(sess, "run", global_step, as_="before"), 0)
        p.method(sess, "run", train_op, feed_dict={x: 3})
        ah.assert_equal(p, "after", p.method(sess, "run", global_step, as_="after"), 1)
        ah.assert_equal(p, "round(sess.run(v), 4)", round(float(p.method(sess, "run", v)), 4), 3.3)
    finally:
        sess.close()
