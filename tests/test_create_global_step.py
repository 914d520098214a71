"""create_global_step creates once and refuses twice (spec group "create": GS-CREATE-NEW, -EXISTS-RAISES)."""

import pytest
from hypothesis import given

from harness import assertions as ah
from harness.program import Program
from tests import scenarios as sc
from tests import strategies as gst


@pytest.mark.clause("GS-CREATE-NEW")
def test_creates_and_returns_the_step(backend):
    """In a graph without a step it returns a step that get_global_step then finds."""
    p = Program(backend)
    g = sc.new_graph(p)
    with p.default(g):
        ah.assert_none(p, "before", p.call("train.get_global_step", as_="before"))
        step = p.call("train.create_global_step", as_="step")
        ah.assert_is(p, "found", p.call("train.get_global_step", as_="found"), step)


@pytest.mark.clause("GS-CREATE-EXISTS-RAISES")
@given(tries=gst.call_counts)
@pytest.mark.parametrize("first", gst.CREATORS)
def test_second_create_raises_value_error(backend, first, tries):
    """Each create_global_step after a step exists raises ValueError."""
    p = Program(backend)
    g = sc.new_graph(p)
    sc.create_step(p, g, first)
    with p.default(g):
        for _ in range(tries):
            ah.assert_raises(p, ValueError, "train.create_global_step")


@pytest.mark.clause("GS-CREATE-EXISTS-RAISES")
def test_second_create_with_graph_argument_raises(backend):
    """create_global_step(graph=g) raises ValueError when g has a step."""
    p = Program(backend)
    g, other = sc.new_graph(p), sc.new_graph(p, "other")
    sc.create_step(p, g)
    with p.default(other):
        ah.assert_raises(p, ValueError, "train.create_global_step", graph=g)


@pytest.mark.clause("GS-CREATE-EXISTS-RAISES")
@pytest.mark.parametrize("key", ["GLOBAL_STEP", "GLOBAL_VARIABLES"])
def test_refused_create_adds_nothing(backend, key):
    """A refused create_global_step leaves each collection with its one entry."""
    p = Program(backend)
    g = sc.new_graph(p)
    sc.create_step(p, g)
    with p.default(g):
        ah.assert_raises(p, ValueError, "train.create_global_step")
    members = p.method(g, "get_collection", p.api_value(f"GraphKeys.{key}"), as_="members")
    ah.assert_equal(p, "len(members)", len(members), 1)
