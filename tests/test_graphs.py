"""One step per graph, in the graph asked for (spec group "graphs": GS-GRAPH-*)."""

import contextlib

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from harness import assertions as ah
from harness.outcomes import checking
from harness.profiles import fewer_examples
from harness.program import Program
from tests import scenarios as sc
from tests import strategies as gst


@pytest.mark.clause("GS-GRAPH-DEFAULT")
@given(form=st.sampled_from(["omitted", "none"]), context=gst.creation_contexts, state=gst.graph_states)
@example(form="omitted", context=(), state=gst.GraphState())
@example(form="none", context=(gst.Layer("name_scope", "outer"),), state=gst.BUSY_GRAPH)
@example(form="omitted", context=(gst.Layer("session"),), state=gst.GraphState())  # another graph's session
@gst.every_context(form="omitted", state=gst.GraphState())
def test_without_graph_uses_the_default_graph(backend, form, context, state):
    """Without graph= (or with graph=None), the step lands in the default graph."""
    p = Program(backend)
    g = sc.new_graph(p, state=state)
    sc.populate(p, g, state)
    step = sc.call_with_graph(p, "get_or_create_global_step", g, form, context=context)
    ah.assert_is(p, f"{p.ref(step)}.graph", p.attr(step, "graph"), g)
    ah.assert_is(p, "found", p.call("train.get_global_step", graph=g, as_="found"), step)


@pytest.mark.clause("GS-GRAPH-ARG")
@pytest.mark.parametrize("creator", gst.CREATORS)
@given(form=st.sampled_from(sc.EXPLICIT), context=gst.creation_contexts, subclass=st.booleans())
@example(form="keyword", context=(), subclass=False)
@example(form="positional", context=(gst.Layer("name_scope", "outer"),), subclass=True)
@gst.every_context(form="keyword", subclass=False)
def test_graph_argument_beats_the_default_graph(backend, creator, form, context, subclass):
    """With graph g2 (a Graph or a subclass) named while g1 is default, the step is in g2 and g1 gets none."""
    p = Program(backend)
    state = gst.GraphState(subclass=subclass)
    g1, g2 = sc.new_graph(p, "g1", state=state), sc.new_graph(p, "g2", state=state)
    step = sc.call_with_graph(p, creator, g2, form, bystander=g1, context=context)
    ah.assert_is(p, f"{p.ref(step)}.graph", p.attr(step, "graph"), g2)
    with p.default(g1):
        ah.assert_none(p, "found", p.call("train.get_global_step", as_="found"))
    members = p.method(g1, "get_collection", p.api_value("GraphKeys.GLOBAL_STEP"), as_="members")
    ah.assert_equal(p, "len(members)", len(members), 0)
    with p.default(g2):
        ah.assert_is(p, "again", p.call("train.get_or_create_global_step", as_="again"), step)


@pytest.mark.clause("GS-GRAPH-ARG", "GS-GRAPH-DEFAULT")
@pytest.mark.parametrize("function", gst.GRAPH_FUNCTIONS)
@pytest.mark.parametrize("form", sc.EXPLICIT)
def test_graph_argument_leaves_the_default_graph_stack(backend, function, form):
    """Naming g while g is open further out leaves the innermost graph the default, for the next call too."""
    p = Program(backend)
    g, inner = sc.new_graph(p, "g"), sc.new_graph(p, "inner")
    with p.default(g), p.default(inner):
        args, kwargs = sc.graph_arguments(g, form)
        p.call(f"train.{function}", *args, **kwargs, as_="result")
        with checking("GS-GRAPH-ARG"):
            ah.assert_is(p, "tf1.get_default_graph()", p.call("get_default_graph", as_="default"), inner)
        with checking("GS-GRAPH-DEFAULT"):
            step = p.call("train.get_or_create_global_step", as_="step")
            ah.assert_is(p, f"{p.current('step')}.graph", p.attr(step, "graph"), inner)


@pytest.mark.clause("GS-GRAPH-DISTINCT")
@given(forms=st.lists(gst.graph_forms, min_size=2, max_size=4))
def test_each_graph_gets_its_own_step(backend, forms):
    """N graphs give N different steps, each in its own graph and each named global_step:0."""
    p = Program(backend)
    made = [sc.new_graph(p) for _ in forms]
    steps = [sc.call_with_graph(p, "get_or_create_global_step", g, form) for g, form in zip(made, forms, strict=True)]
    for g, step in zip(made, steps, strict=True):
        ah.assert_is(p, f"{p.ref(step)}.graph", p.attr(step, "graph"), g)
        ah.assert_equal(p, f"{p.ref(step)}.name", p.attr(step, "name"), "global_step:0")
        for other in steps:
            if other is not step:
                ah.assert_is_not(p, p.ref(step), step, other)


@pytest.mark.clause("GS-GRAPH-INDEPENDENT")
@given(increments=st.lists(st.integers(min_value=0, max_value=4), min_size=2, max_size=4))
def test_incrementing_one_graph_leaves_the_others(backend, increments):
    """assign_add on one graph's step changes no other graph's step."""
    p = Program(backend)
    made = [sc.new_graph(p) for _ in increments]
    steps = [sc.create_step(p, g) for g in made]
    with contextlib.ExitStack() as stack:
        sessions = []
        for g, step, count in zip(made, steps, increments, strict=True):
            with p.default(g):
                bump = p.method(step, "assign_add", 1, as_="bump")
            sessions.append(sess := stack.enter_context(sc.session(p, g)))
            for _ in range(count):
                p.method(sess, "run", bump)
        for g, step, sess, count in zip(made, steps, sessions, increments, strict=True):
            with p.default(g):
                value = p.method(sess, "run", step, as_="value")
            ah.assert_equal(p, f"{p.ref(sess)}.run({p.ref(step)})", value, count)


@pytest.mark.clause("GS-GRAPH-INDEPENDENT")
@given(graphs=gst.graph_counts, sessions=st.integers(1, 2), data=st.data())
@example(graphs=2, sessions=1, data=None)
@fewer_examples(5)  # a train op per graph costs TensorFlow 20-60 ms; the stateful test trains across graphs too
def test_training_in_one_session_moves_no_other_step(backend, graphs, sessions, data):
    """Train ops run in one session of one graph leave every other session's step where it was."""
    p = Program(backend)
    built = []
    for _ in range(graphs):
        g = sc.new_graph(p)
        with p.default(g):
            x, variables, loss = sc.model(p, [1.0])
            step = p.call("train.get_or_create_global_step", as_="step")
            opt = p.call("train.GradientDescentOptimizer", 0.1, as_="opt")
            op = p.method(opt, "minimize", loss, global_step=step, var_list=variables, as_="train_op")
        built.append((g, x, step, op))
    with contextlib.ExitStack() as stack:
        opened = [[stack.enter_context(sc.session(p, g)) for _ in range(sessions)] for g, *_ in built]
        expected = {(i, j): 0 for i in range(graphs) for j in range(sessions)}
        plan = [(i, j) for i in range(graphs) for j in range(sessions)]
        order = data.draw(st.lists(st.sampled_from(plan), min_size=1, max_size=6), label="runs") if data else plan[:1]
        for i, j in order:
            g, x, step, op = built[i]
            with p.default(g):
                p.method(opened[i][j], "run", op, feed_dict={x: 1.0})
            expected[i, j] += 1
            for (k, m), count in expected.items():
                with p.default(built[k][0]):
                    value = p.method(opened[k][m], "run", built[k][2], as_="value")
                ah.assert_equal(p, f"{p.ref(opened[k][m])}.run({p.ref(built[k][2])})", value, count)


@pytest.mark.clause("GS-GRAPH-DEFAULT")
@given(creator=st.sampled_from(gst.CREATORS), state=gst.graph_states, entered=st.booleans())
@example(creator="get_or_create_global_step", state=gst.GraphState(), entered=True)
@example(creator="create_global_step", state=gst.BUSY_GRAPH, entered=True)
def test_a_default_graph_belongs_to_its_thread(backend, creator, state, entered):
    """A thread has its own default graph: there graph=g or g.as_default() finds g's step, no graph= not."""
    p = Program(backend)
    g = sc.new_graph(p, state=state)
    sc.populate(p, g, state)
    with p.default(g):
        step = p.call(f"train.{creator}", as_="step")
        ah.assert_is(p, "found", p.call("train.get_global_step", as_="found"), step)
        there = sc.in_another_thread(p, f"{p.alias}.get_default_graph()", as_="there")
        ah.assert_is_not(p, "there", there, g)
        ah.assert_is_not(p, "unnamed", sc.in_another_thread(p, f"{p.alias}.train.get_global_step()", as_="unnamed"),
                         step)
        ah.assert_is(p, "named", sc.in_another_thread(p, f"{p.alias}.train.get_global_step({p.ref(g)})",
                                                      as_="named"), step)
        if entered:
            again = sc.in_another_thread(p, f"{p.alias}.train.get_or_create_global_step()", as_="again", graph=g)
            ah.assert_is(p, "again", again, step)
            g2 = sc.new_graph(p, "g2")
            made = sc.in_another_thread(p, f"{p.alias}.train.get_or_create_global_step()", as_="made", graph=g2)
            ah.assert_is(p, f"{p.ref(made)}.graph", p.attr(made, "graph"), g2)
