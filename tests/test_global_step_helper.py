"""tf1.train.global_step(sess, step) reads the step as a Python int (spec group "helper")."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness import assertions as ah
from harness.program import Program
from tests import scenarios as sc


@pytest.mark.clause("GS-HELPER-RETURNS-INT")
@given(value=st.integers(min_value=0, max_value=2**62) | st.sampled_from([0, 1, 2**31, 2**40, 2**63 - 1]))
def test_returns_the_value_as_a_python_int(backend, value):
    """After step.assign(value) runs, global_step(sess, step) == value and is an int."""
    p = Program(backend)
    g = sc.new_graph(p)
    step = sc.create_step(p, g)
    with p.default(g):
        set_value = p.method(step, "assign", value, as_="set_value")
    with sc.session(p, g) as sess, p.default(g):
        p.method(sess, "run", set_value)
        read = p.call("train.global_step", sess, step, as_="read")
        ah.assert_equal(p, "type(read)", type(read), int)
        ah.assert_equal(p, "read", read, value)


@pytest.mark.clause("GS-HELPER-RETURNS-INT")
def test_reads_the_given_session(backend):
    """Two sessions on one graph give their own values."""
    p = Program(backend)
    g = sc.new_graph(p)
    step = sc.create_step(p, g)
    with p.default(g):
        bump = p.method(step, "assign_add", 1, as_="bump")
    with sc.session(p, g) as sess, sc.session(p, g) as other, p.default(g):
        for _ in range(3):
            p.method(sess, "run", bump)
        ah.assert_equal(p, "tf1.train.global_step(sess, step)", p.call("train.global_step", sess, step), 3)
        ah.assert_equal(p, "tf1.train.global_step(sess_2, step)", p.call("train.global_step", other, step), 0)
