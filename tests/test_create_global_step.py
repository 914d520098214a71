"""create_global_step creates once and refuses twice (spec group "create": GS-CREATE-NEW, -EXISTS-RAISES)."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from harness import assertions as ah
from harness.program import Program
from tests import scenarios as sc
from tests import strategies as gst


@pytest.mark.clause("GS-CREATE-NEW")
@given(form=gst.graph_forms, context=gst.creation_contexts, state=gst.graph_states, failed=st.integers(0, 2))
@example(form="omitted", context=(), state=gst.GraphState(), failed=0)
@example(form="positional", context=(), state=gst.BUSY_GRAPH, failed=1)
@gst.every_context(form="omitted", state=gst.GraphState(), failed=1)
def test_creates_and_returns_the_step(backend, form, context, state, failed):
    """In a graph without a step it returns a step that get_global_step finds, also after failed attempts."""
    p = Program(backend)
    g = sc.new_graph(p, state=state)
    sc.populate(p, g, state)
    ah.assert_none(p, "before", sc.call_with_graph(p, "get_global_step", g, form, as_="before"))
    for _ in range(failed):  # under reuse=True there is no variable to reuse: ValueError, and nothing is left over
        with p.default(g), p.within("variable_scope", "outer", reuse=True):
            ah.assert_raises(p, ValueError, "train.create_global_step")
    step = sc.call_with_graph(p, "create_global_step", g, form, context=context)
    ah.assert_is(p, "found", sc.call_with_graph(p, "get_global_step", g, "keyword", as_="found"), step)
    scoped = form not in sc.EXPLICIT and any(layer.kind == "variable_scope" for layer in context)
    if failed and not scoped:  # the failed attempts' scope is closed again (a variable_scope would prefix)
        ah.assert_equal(p, f"{p.ref(step)}.name", p.attr(step, "name"), "global_step:0")


@pytest.mark.clause("GS-CREATE-EXISTS-RAISES")
@pytest.mark.parametrize("first", [*gst.CREATORS, "user step", "tensor named global_step"])
@given(forms=gst.graph_form_lists, context=gst.lookup_contexts, step=gst.user_steps)
@example(forms=["omitted"], context=(), step=gst.UserStep())
@example(forms=list(gst.GRAPH_FORMS), context=(gst.Layer("name_scope", "outer"),),
         step=gst.UserStep("int16", "my_step", trainable=True, also="none"))
@gst.every_context(lookup=True, forms=["omitted", "keyword"], step=gst.UserStep())
def test_second_create_raises_and_adds_nothing(backend, first, forms, context, step):
    """Each create_global_step after a step exists raises ValueError and leaves the graph as it was."""
    p = Program(backend)
    g = sc.new_graph(p)
    bystander = sc.new_graph(p, "bystander")
    if first == "user step":
        with p.default(g):
            sc.user_step(p, step)
    elif first == "tensor named global_step":  # found by get_global_step's name fallback: a step exists
        with p.default(g):
            p.call("constant", 0, dtype=p.api_value(step.dtype), name="global_step", as_="named")
    else:
        sc.call_with_graph(p, first, g, forms[0], bystander=bystander)
    made = sc.dependencies(p, [g, bystander])
    before = sc.census(p, g)
    for form in forms:
        args, kwargs = sc.graph_arguments(g, form)
        with p.default(bystander if form in sc.EXPLICIT else g), sc.within(p, context, made):
            ah.assert_raises(p, ValueError, "train.create_global_step", *args, **kwargs)
    after = sc.census(p, g)
    ah.assert_equal(p, sc.census_expr(after), after, before)
