"""Asking again returns the same step and creates nothing (spec group "idempotence": GS-IDEM-*).

Every later call draws how it passes ``graph`` (gst.graph_forms) and the context it is made in
(gst.lookup_contexts); the graph may already hold other variables and ops, other graphs may be alive, and the graph
may be finalized after the first call (as MonitoredSession and Supervisor do: a later call must not add an
operation to it).
"""
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from harness import assertions as ah
from harness.program import Program
from tests import scenarios as sc
from tests import strategies as gst


def idempotent(test):
    """``@given`` first and later forms, a lookup context, a graph state and finalized, with each context of
    gst.EVERY_LOOKUP_CONTEXT explicit."""
    decorated = gst.every_context(lookup=True, first="omitted", later=["omitted", "keyword"], state=gst.GraphState(),
                                  finalized=False)(test)
    return given(first=gst.graph_forms, later=gst.graph_form_lists, context=gst.lookup_contexts,
                 state=gst.graph_states, finalized=st.booleans())(decorated)


PAGE = {"first": "omitted", "later": ["omitted"], "context": (), "state": gst.GraphState(), "finalized": False}
#: Every call form after a creation by position, under scopes, in a populated graph: run on every seed.
EVERY_FORM = {"first": "positional", "later": list(gst.GRAPH_FORMS), "state": gst.BUSY_GRAPH, "finalized": False,
              "context": (gst.Layer("name_scope", "outer"), gst.Layer("variable_scope", "outer", "True"),
                          gst.Layer("control_dependencies"))}


@pytest.mark.clause("GS-IDEM-SAME-OBJECT")
@idempotent
@example(**PAGE)
@example(**EVERY_FORM)
@example(**{**EVERY_FORM, "finalized": True})
def test_later_calls_return_the_identical_object(backend, first, later, context, state, finalized):
    """Every get_or_create_global_step after the first returns the same object, finalized graph or not."""
    p = Program(backend)
    g = sc.new_graph(p, state=state)
    others = sc.populate(p, g, state)
    step = sc.call_with_graph(p, "get_or_create_global_step", g, first, bystander=others[0] if others else None)
    made = sc.dependencies(p, [g])
    if finalized:
        p.method(g, "finalize")
    for form in later:
        again = sc.call_with_graph(p, "get_or_create_global_step", g, form, context=context, dependencies=made,
                                   as_="again")
        ah.assert_is(p, "again", again, step)


@pytest.mark.clause("GS-IDEM-SAME-OBJECT")
@given(sequence=gst.lookups, forms=gst.graph_form_lists, context=gst.lookup_contexts)
@gst.every_context(lookup=True, sequence=["get_or_create_global_step", "get_global_step", "get_or_create_global_step"],
                   forms=["omitted", "keyword"])
def test_any_mix_of_lookups_returns_the_identical_object(backend, sequence, forms, context):
    """After the first get_or_create, get and get_or_create all return that object."""
    p = Program(backend)
    g = sc.new_graph(p)
    step = sc.create_step(p, g)
    for i, function in enumerate(sequence):
        found = sc.call_with_graph(p, function, g, forms[i % len(forms)], context=context, as_="found")
        ah.assert_is(p, "found", found, step)


@pytest.mark.clause("GS-IDEM-NO-GROWTH")
@idempotent
@example(**PAGE)
@example(**EVERY_FORM)
@example(**{**EVERY_FORM, "finalized": True})
def test_later_calls_add_no_operation_and_no_collection_entry(backend, first, later, context, state, finalized):
    """The graph's operations and every collection stay as after the first call (finalized or not)."""
    p = Program(backend)
    g = sc.new_graph(p, state=state)
    bystander = sc.new_graph(p, "bystander")
    sc.populate(p, g, state)
    sc.call_with_graph(p, "get_or_create_global_step", g, first, bystander=bystander)
    made = sc.dependencies(p, [g, bystander])
    if finalized:
        p.method(g, "finalize")
    before = sc.census(p, g)
    for form in later:
        sc.call_with_graph(p, "get_or_create_global_step", g, form, bystander=bystander, context=context,
                           dependencies=made, as_="again")
    after = sc.census(p, g)
    ah.assert_equal(p, sc.census_expr(after), after, before)


@pytest.mark.clause("GS-IDEM-AFTER-CREATE")
@given(first=gst.graph_forms, later=gst.graph_form_lists, context=gst.lookup_contexts)
@example(first="positional", later=list(gst.GRAPH_FORMS), context=EVERY_FORM["context"])
@gst.every_context(lookup=True, first="omitted", later=["omitted", "positional"])
def test_get_or_create_returns_what_create_made(backend, first, later, context):
    """get_or_create_global_step returns the step create_global_step made."""
    p = Program(backend)
    g = sc.new_graph(p)
    step = sc.call_with_graph(p, "create_global_step", g, first)
    for form in later:
        again = sc.call_with_graph(p, "get_or_create_global_step", g, form, context=context, as_="again")
        ah.assert_is(p, "again", again, step)
