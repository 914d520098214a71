"""One step per graph, in the graph asked for (spec group "graphs": GS-GRAPH-*)."""

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness import assertions as ah
from harness.program import Program
from tests import scenarios as sc
from tests import strategies as gst


@pytest.mark.clause("GS-GRAPH-DEFAULT")
def test_without_graph_uses_the_default_graph(backend):
    """Without graph=, the step lands in the graph entered with as_default()."""
    p = Program(backend)
    g = sc.new_graph(p)
    step = sc.create_step(p, g)
    ah.assert_is(p, "step.graph", p.attr(step, "graph"), g)
    ah.assert_is(p, "found", p.call("train.get_global_step", graph=g, as_="found"), step)


@pytest.mark.clause("GS-GRAPH-ARG")
@pytest.mark.parametrize("creator", gst.CREATORS)
def test_graph_argument_beats_the_default_graph(backend, creator):
    """With graph=g2 while g1 is default, the step is in g2 and g1 gets none."""
    p = Program(backend)
    g1, g2 = sc.new_graph(p, "g1"), sc.new_graph(p, "g2")
    with p.default(g1):
        step = p.call(f"train.{creator}", graph=g2, as_="step")
        ah.assert_is(p, "step.graph", p.attr(step, "graph"), g2)
        ah.assert_none(p, "found", p.call("train.get_global_step", as_="found"))
    members = p.method(g1, "get_collection", p.api_value("GraphKeys.GLOBAL_STEP"), as_="members")
    ah.assert_equal(p, "len(members)", len(members), 0)
    with p.default(g2):
        ah.assert_is(p, "again", p.call("train.get_or_create_global_step", as_="again"), step)


@pytest.mark.clause("GS-GRAPH-DISTINCT")
@given(graphs=gst.graph_counts, explicit=st.booleans())
def test_each_graph_gets_its_own_step(backend, graphs, explicit):
    """N graphs give N different steps, each in its own graph and each named global_step:0."""
    p = Program(backend)
    made = [sc.new_graph(p) for _ in range(graphs)]
    if explicit:  # graph= while a bystander graph is the default (TF ignores graph= when eager: notes §3)
        with p.default(sc.new_graph(p, "bystander")):
            steps = [p.call("train.get_or_create_global_step", graph=g, as_="step") for g in made]
    else:
        steps = [sc.create_step(p, g) for g in made]
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
