"""tf1.train.global_step(sess, step) reads the step as a Python int (spec group "helper")."""

import contextlib
import dataclasses

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from harness import assertions as ah
from harness.outcomes import checking
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
#: What is passed as ``sess``. Source: "sess: A TensorFlow Session object": a Session, an InteractiveSession (the
#: default session from the moment it is made), or a MonitoredSession (it initialises the variables and
#: finalizes the graph), as training loops pass them.
SESSIONS = ("Session", "InteractiveSession", "MonitoredSession")


@contextlib.contextmanager
def session_of(p, g, kind: str):
    """An initialised session of ``kind`` (SESSIONS) on ``g``, closed afterwards."""
    if kind == "Session":
        with sc.session(p, g) as sess:
            yield sess
        return
    if kind == "InteractiveSession":  # made outside any with-block: it enters its graph as the default itself
        with p.default(g):
            init = p.call("global_variables_initializer", as_="init")
        sess = p.call("InteractiveSession", graph=g, as_="sess")
        p.method(sess, "run", init)
    else:
        with p.default(g):
            sess = p.call("train.MonitoredSession", as_="sess")
    try:
        yield sess
    finally:
        p.method(sess, "close")


def read_after_assign(p, spec, value, form, finalized=False, kind="Session"):
    """``global_step(sess, tensor)`` after ``step.assign(value)`` ran; the step as ``spec`` (None: the library's).

    ``finalized``: the graph is finalized before the read (as MonitoredSession does): reading adds no operation.
    ``kind``: the session's kind (SESSIONS); MonitoredSession only for a step in GLOBAL_VARIABLES (TensorFlow's
    MonitoredSession initialises those and refuses to start while a step outside them is uninitialised).
    """
    if kind == "MonitoredSession" and spec is not None and spec.also != "GLOBAL_VARIABLES":
        kind = "InteractiveSession"
    g = sc.new_graph(p)
    with p.default(g):
        step = sc.make_step(p, spec)
        set_value = p.method(step, "assign", value, as_="set_value")  # also initialises it
        tensor = step if form == "variable" else p.method(step, "read_value", as_="read")
    with session_of(p, g, kind) as sess, p.default(g):
        p.method(sess, "run", set_value)
        if finalized and kind != "MonitoredSession":
            p.method(g, "finalize")
        return p.call("train.global_step", sess, tensor, as_="value")


@pytest.mark.clause("GS-HELPER-READS-VALUE")
@given(step_and_value=steps_and_values(), form=st.sampled_from(TENSOR_FORMS), finalized=st.booleans(),
       kind=st.sampled_from(SESSIONS))
@example(step_and_value=(None, 2**40), form="variable", finalized=False, kind="Session")
@example(step_and_value=(gst.UserStep("uint64"), 2**64 - 1), form="read_value", finalized=True, kind="Session")
@example(step_and_value=(None, 7), form="variable", finalized=True, kind="InteractiveSession")
@example(step_and_value=(gst.UserStep("int32", ref=True), 5), form="read_value", finalized=False,
         kind="MonitoredSession")
def test_returns_the_value_in_the_session(backend, step_and_value, form, finalized, kind):
    """After step.assign(value) runs, global_step(sess, step) == value in any session, finalized or not."""
    p = Program(backend)
    ah.assert_equal(p, "value", read_after_assign(p, *step_and_value, form, finalized, kind), step_and_value[1])


@pytest.mark.clause("GS-HELPER-RETURNS-INT")
@given(step_and_value=steps_and_values(), form=st.sampled_from(TENSOR_FORMS))
@example(step_and_value=(None, 2**40), form="variable")
def test_returns_a_python_int(backend, step_and_value, form):
    """global_step(sess, step) is a Python int, whatever the step's dtype."""
    p = Program(backend)
    ah.assert_equal(p, "type(value)", type(read_after_assign(p, *step_and_value, form)), int)


#: What is the default while the helper reads: the session's own graph, another graph, or (sessions only)
#: another session on the same graph. The helper reads "the session" it is given, whatever is default.
DEFAULTS = ("own graph", "other graph", "other session")


@contextlib.contextmanager
def default(p, kind: str, graph, other_session=None):
    """Make ``kind`` (one of DEFAULTS) the default around a read."""
    target = {"own graph": graph, "other session": other_session}.get(kind) or sc.new_graph(p, "other")
    with p.default(target):
        yield


@pytest.mark.clause("GS-HELPER-ACCEPTS-NAME")
@given(spec=st.none() | gst.user_steps, value=st.integers(0, 127), kind=st.sampled_from(DEFAULTS[:2]))
@example(spec=None, value=5, kind="own graph")
@example(spec=gst.UserStep("int64", "step_10", ref=True), value=100, kind="other graph")
def test_accepts_the_name_of_the_step_tensor(backend, spec, value, kind):
    """global_step(sess, step.name) reads the same value as global_step(sess, step), in sess's graph."""
    p = Program(backend)
    ah.assert_equal(p, "value", read_by_name(p, spec, value, kind), value)


@pytest.mark.clause("GS-HELPER-ACCEPTS-NAME", "GS-HELPER-RETURNS-INT")
@given(spec=gst.user_steps.map(lambda spec: dataclasses.replace(spec, ref=True)),
       value=st.integers(0, 127) | st.just(2**40), kind=st.sampled_from(DEFAULTS[:2]))
@example(spec=gst.UserStep("int64", "global_step", ref=True), value=2**40, kind="other graph")
@example(spec=gst.UserStep("uint8", "step_10", ref=True, in_collection=False), value=3, kind="own graph")
def test_reads_a_ref_variable_step_by_name_as_an_int(backend, spec, value, kind):
    """global_step(sess, name) of a RefVariable step is its value as a Python int, in sess's graph."""
    # A RefVariable's `<name>:0` is its value: TensorFlow's name form works there (resource variables: see the
    # known divergence of the test above), so every backend is checked through it.
    p = Program(backend)
    spec = spec if gst.dtype_range(spec.dtype)[1] >= value else dataclasses.replace(spec, dtype="int64")
    read = read_by_name(p, spec, value, kind)
    ah.assert_equal(p, "value", read, value)
    with checking("GS-HELPER-RETURNS-INT"):
        ah.assert_equal(p, "type(value)", type(read), int)


def read_by_name(p, spec, value: int, kind: str):
    """``global_step(sess, step.name)`` after ``step.assign(value)`` ran in ``sess``, with ``kind`` (DEFAULTS)
    the default graph during the read; the step as ``spec`` (None: the library's), beside a decoy ``step_1``."""
    g = sc.new_graph(p)
    with p.default(g):
        p.call("Variable", 7, dtype=p.api_value("int64"), name="step_1", as_="decoy")  # what a trimmed name finds
        step = sc.make_step(p, spec)
        set_value = p.method(step, "assign", value, as_="set_value")
    with sc.session(p, g) as sess:
        p.method(sess, "run", set_value)
        name = p.attr(step, "name")
        with default(p, kind, g):
            return p.call("train.global_step", sess, name, as_="value")


@pytest.mark.clause("GS-HELPER-READS-VALUE")
@given(counts=st.lists(st.integers(0, 3), min_size=2, max_size=3), kind=st.sampled_from(DEFAULTS))
@example(counts=[0, 3], kind="other session")
def test_reads_the_given_session(backend, counts, kind):
    """Sessions on one graph each give their own value, whichever graph or session is the default."""
    p = Program(backend)
    g = sc.new_graph(p)
    step = sc.create_step(p, g)
    with p.default(g):
        bump = p.method(step, "assign_add", 1, as_="bump")
    sessions = [sc.session(p, g) for _ in counts]
    opened = [s.__enter__() for s in sessions]
    try:
        with p.default(g):
            totals = [0] * len(counts)
            for _ in range(2):  # a second round: each read sees the value now, not the one read before
                for i, (sess, count) in enumerate(zip(opened, counts, strict=True)):
                    for _ in range(count):
                        p.method(sess, "run", bump)
                    totals[i] += count
                for i, sess in enumerate(opened):
                    with default(p, kind, g, opened[i - 1]):
                        read = p.call("train.global_step", sess, step, as_="value")
                    ah.assert_equal(p, f"tf1.train.global_step({p.ref(sess)}, step)", read, totals[i])
    finally:
        for s in reversed(sessions):
            s.__exit__(None, None, None)
