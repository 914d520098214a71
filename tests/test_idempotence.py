"""Asking again returns the same step and creates nothing (spec group "idempotence": GS-IDEM-*)."""

import pytest
from hypothesis import given

from harness import assertions as ah
from harness.program import Program
from tests import scenarios as sc
from tests import strategies as gst


@pytest.mark.clause("GS-IDEM-SAME-OBJECT")
@given(calls=gst.call_counts)
def test_later_calls_return_the_identical_object(backend, calls):
    """Every get_or_create_global_step after the first returns the same object."""
    p = Program(backend)
    g = sc.new_graph(p)
    step = sc.create_step(p, g)
    with p.default(g):
        for _ in range(calls):
            ah.assert_is(p, "again", p.call("train.get_or_create_global_step", as_="again"), step)


@pytest.mark.clause("GS-IDEM-SAME-OBJECT")
@given(sequence=gst.lookups)
def test_any_mix_of_lookups_returns_the_identical_object(backend, sequence):
    """After the first get_or_create, get and get_or_create all return that object."""
    p = Program(backend)
    g = sc.new_graph(p)
    step = sc.create_step(p, g)
    with p.default(g):
        for function in sequence:
            found = p.call(f"train.{function}", graph=g, as_="found")
            ah.assert_is(p, "found", found, step)


@pytest.mark.clause("GS-IDEM-NO-GROWTH")
@given(calls=gst.call_counts)
@pytest.mark.parametrize("key", ["GLOBAL_STEP", "GLOBAL_VARIABLES"])
def test_later_calls_add_no_collection_entry(backend, calls, key):
    """GLOBAL_STEP and GLOBAL_VARIABLES each hold one entry however often it is called."""
    p = Program(backend)
    g = sc.new_graph(p)
    sc.create_step(p, g)
    with p.default(g):
        for _ in range(calls):
            p.call("train.get_or_create_global_step")
    members = p.method(g, "get_collection", p.api_value(f"GraphKeys.{key}"), as_="members")
    ah.assert_equal(p, "len(members)", len(members), 1)


@pytest.mark.clause("GS-IDEM-NO-GROWTH")
@given(calls=gst.call_counts)
def test_later_calls_add_no_operation(backend, calls):
    """The graph's operation count stays as it was after the first call."""
    p = Program(backend)
    g = sc.new_graph(p)
    sc.create_step(p, g)
    before = len(p.method(g, "get_operations", as_="ops"))
    with p.default(g):
        for _ in range(calls):
            p.call("train.get_or_create_global_step")
    after = p.method(g, "get_operations", as_="ops")
    ah.assert_equal(p, "len(ops_2)", len(after), before)


@pytest.mark.clause("GS-IDEM-AFTER-CREATE")
@given(calls=gst.call_counts)
def test_get_or_create_returns_what_create_made(backend, calls):
    """get_or_create_global_step returns the step create_global_step made."""
    p = Program(backend)
    g = sc.new_graph(p)
    step = sc.create_step(p, g, "create_global_step")
    with p.default(g):
        for _ in range(calls):
            ah.assert_is(p, "again", p.call("train.get_or_create_global_step", as_="again"), step)
