"""tf1.train.global_step(sess, step) reads the step as a Python int (spec group "helper")."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from harness import assertions as ah
from harness.program import Program
from tests import scenarios as sc
from tests import strategies as gst


@st.composite
def steps_and_values(draw):
    """The library's step or a user step of any integer dtype, and a value of that dtype (boundaries too)."""
    step = draw(st.none() | gst.user_steps, label="step")
    low, high = gst.dtype_range(step.dtype if step else "int64")
    value = draw(st.integers(low, high) | st.sampled_from([0, 1, low, high, high // 2 + 1]), label="value")
    return step, value


#: What is passed as ``global_step_tensor``: the variable itself or a tensor that reads it.
TENSOR_FORMS = ("variable", "read_value")


@pytest.mark.clause("GS-HELPER-RETURNS-INT")
@given(step_and_value=steps_and_values(), form=st.sampled_from(TENSOR_FORMS))
@example(step_and_value=(None, 2**40), form="variable")
@example(step_and_value=(gst.UserStep("uint64"), 2**64 - 1), form="read_value")
def test_returns_the_value_as_a_python_int(backend, step_and_value, form):
    """After step.assign(value) runs, global_step(sess, step) == value and is an int."""
    spec, value = step_and_value
    p = Program(backend)
    g = sc.new_graph(p)
    with p.default(g):
        step = p.call("train.get_or_create_global_step", as_="step") if spec is None else sc.user_step(p, spec)
        set_value = p.method(step, "assign", value, as_="set_value")  # also initialises it
        tensor = step if form == "variable" else p.method(step, "read_value", as_="read")
    with sc.session(p, g) as sess, p.default(g):
        p.method(sess, "run", set_value)
        read = p.call("train.global_step", sess, tensor, as_="value")
        ah.assert_equal(p, "type(value)", type(read), int)
        ah.assert_equal(p, "value", read, value)


@pytest.mark.clause("GS-HELPER-RETURNS-INT")
@given(counts=st.lists(st.integers(0, 4), min_size=2, max_size=3))
def test_reads_the_given_session(backend, counts):
    """Sessions on one graph each give their own value."""
    p = Program(backend)
    g = sc.new_graph(p)
    step = sc.create_step(p, g)
    with p.default(g):
        bump = p.method(step, "assign_add", 1, as_="bump")
    sessions = [sc.session(p, g) for _ in counts]
    opened = [s.__enter__() for s in sessions]
    try:
        with p.default(g):
            for sess, count in zip(opened, counts, strict=True):
                for _ in range(count):
                    p.method(sess, "run", bump)
            for sess, count in zip(opened, counts, strict=True):
                read = p.call("train.global_step", sess, step, as_="value")
                ah.assert_equal(p, f"tf1.train.global_step({p.ref(sess)}, step)", read, count)
    finally:
        for s in reversed(sessions):
            s.__exit__(None, None, None)
