"""What a freshly created step looks like (spec group "creation": GS-CREATE-FRESH-*).

Every property is checked for both ways of creating it (get_or_create_global_step and create_global_step),
for every way of passing ``graph`` (gst.graph_forms), in any context the call may be made in
(gst.creation_contexts) and whatever else the graph already holds (gst.graph_states).
"""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from harness import assertions as ah
from harness.program import Program
from tests import scenarios as sc
from tests import strategies as gst

creators = pytest.mark.parametrize("creator", gst.CREATORS)


def fresh(test):
    """``@given`` a form, a creation context and a graph state, with each context of gst.EVERY_CONTEXT explicit."""
    decorated = gst.every_context(form="omitted", state=gst.GraphState())(test)
    return given(form=gst.graph_forms, context=gst.creation_contexts, state=gst.graph_states)(decorated)


PAGE = {"form": "omitted", "context": (), "state": gst.GraphState()}
#: The graph named by position, under every kind of block, in a populated graph: run on every seed.
BUSY = {"form": "positional", "state": gst.BUSY_GRAPH,
        "context": (gst.Layer("name_scope", "outer"), gst.Layer("control_dependencies"), gst.Layer("device", "/cpu:0"))}


def created(p, creator, form, context, state):
    """A graph filled as ``state`` says and its step, created by ``creator`` in ``form`` under ``context``."""
    g = sc.new_graph(p, state=state)
    others = sc.populate(p, g, state)
    step = sc.call_with_graph(p, creator, g, form, bystander=others[0] if others else None, context=context)
    return g, step


@creators
@pytest.mark.clause("GS-CREATE-FRESH-NAME")
@given(form=gst.graph_forms, context=gst.creation_contexts, state=gst.graph_states)
@example(**PAGE)
@example(**BUSY)
@example(form="keyword", context=(gst.Layer("variable_scope", "outer"), gst.Layer("name_scope", "inner")),
         state=gst.GraphState())
@gst.every_context(form="omitted", state=gst.GraphState())
def test_is_named_global_step(backend, creator, form, context, state):
    """A fresh graph's step is named `global_step:0`, whatever scopes another (default) graph has open."""
    if form not in sc.EXPLICIT:  # a variable_scope of the step's own graph prefixes the name (-VARIABLE-SCOPE)
        context = tuple(layer for layer in context if layer.kind != "variable_scope")
    p = Program(backend)
    _, step = created(p, creator, form, context, state)
    ah.assert_equal(p, f"{p.ref(step)}.name", p.attr(step, "name"), "global_step:0")


@creators
@pytest.mark.clause("GS-CREATE-FRESH-NAME-SCOPE")
@given(scopes=gst.scope_paths, form=gst.graph_forms)
@example(scopes=["outer", "inner"], form="none")
def test_name_ignores_enclosing_name_scopes(backend, creator, scopes, form):
    """Nested name_scopes around the call leave the name `global_step:0`."""
    p = Program(backend)
    context = tuple(gst.Layer("name_scope", name) for name in scopes)
    _, step = created(p, creator, form, context, gst.GraphState())
    ah.assert_equal(p, f"{p.ref(step)}.name", p.attr(step, "name"), "global_step:0")


@pytest.mark.clause("GS-CREATE-FRESH-VARIABLE-SCOPE")
@given(scopes=gst.scope_paths)
def test_variable_scope_prefixes_name(backend, scopes):
    """Inside variable_scope a/b the step is `a/b/global_step:0` and still found."""
    p = Program(backend)
    g = sc.new_graph(p)
    with p.default(g):
        with p.within_each("variable_scope", scopes):
            step = p.call("train.get_or_create_global_step", as_="step")
        ah.assert_equal(p, f"{p.ref(step)}.name", p.attr(step, "name"), "/".join(scopes) + "/global_step:0")
        ah.assert_is(p, "found", p.call("train.get_global_step", as_="found"), step)


@creators
@pytest.mark.clause("GS-CREATE-FRESH-SCALAR")
@fresh
@example(**PAGE)
@example(**BUSY)
def test_step_is_a_scalar(backend, creator, form, context, state):
    """The step's shape is fully defined and of rank 0."""
    p = Program(backend)
    _, step = created(p, creator, form, context, state)
    shape = p.method(step, "get_shape", as_="shape")
    ah.assert_equal(p, "shape.ndims", p.attr(shape, "ndims"), 0)
    ah.assert_equal(p, "shape.is_fully_defined()", p.method(shape, "is_fully_defined"), True)


@creators
@pytest.mark.clause("GS-CREATE-FRESH-INT64")
@fresh
@example(**PAGE)
@example(**BUSY)
def test_base_dtype_is_int64(backend, creator, form, context, state):
    """The step's dtype.base_dtype is int64 (a RefVariable reports int64_ref)."""
    p = Program(backend)
    _, step = created(p, creator, form, context, state)
    ah.assert_equal(p, f"{p.ref(step)}.dtype.base_dtype", p.attr(step, "dtype.base_dtype"), p.api_value("int64"))


@creators
@pytest.mark.clause("GS-CREATE-FRESH-NOT-TRAINABLE")
@fresh
@example(**PAGE)
@example(**BUSY)
def test_is_not_trainable(backend, creator, form, context, state):
    """The step's `trainable` is False and no trainable-variables list holds it."""
    p = Program(backend)
    g, step = created(p, creator, form, context, state)
    ah.assert_equal(p, f"{p.ref(step)}.trainable", p.attr(step, "trainable"), False)
    members = p.method(g, "get_collection", p.api_value("GraphKeys.TRAINABLE_VARIABLES"), as_="trainable")
    ah.assert_member(p, p.ref(step), step, "trainable", members, present=False)
    with p.default(g):
        members = p.call("trainable_variables", as_="trainable")
    ah.assert_member(p, p.ref(step), step, "trainable", members, present=False)


@creators
@pytest.mark.clause("GS-CREATE-FRESH-ZERO")
@given(form=gst.graph_forms, context=gst.creation_contexts, state=gst.graph_states,
       moved=st.lists(st.integers(1, 2**63 - 1), max_size=2))
@example(**PAGE, moved=[])
@example(**BUSY, moved=[3, 2**40])
@example(form="omitted", context=(gst.Layer("variable_scope", "outer", ones=True), gst.Layer("control_dependencies")),
         state=gst.GraphState(), moved=[])
@gst.every_context(form="omitted", state=gst.GraphState(), moved=[5])
def test_reads_zero_after_initialisation(backend, creator, form, context, state, moved):
    """After global_variables_initializer() the step reads 0, also when it runs again after the step moved."""
    p = Program(backend)
    g, step = created(p, creator, form, context, state)
    with p.default(g):
        moves = [p.method(step, "assign", value, as_="move") for value in moved]
        again = p.call("global_variables_initializer", as_="init_again")
    with sc.session(p, g) as sess, p.default(g):
        ah.assert_equal(p, f"{p.ref(sess)}.run({p.ref(step)})", p.method(sess, "run", step, as_="value"), 0)
        for move in moves:
            p.method(sess, "run", move)
            p.method(sess, "run", again)
            ah.assert_equal(p, f"{p.ref(sess)}.run({p.ref(step)})", p.method(sess, "run", step, as_="value"), 0)


@creators
@pytest.mark.clause("GS-CREATE-FRESH-COLLECTIONS")
@fresh
@example(**PAGE)
@example(**BUSY)
def test_is_in_its_collections_and_no_other(backend, creator, form, context, state):
    """The step is in GLOBAL_STEP and GLOBAL_VARIABLES, once each, and in no other collection."""
    p = Program(backend)
    g, step = created(p, creator, form, context, state)
    wanted = {str(p.api_value("GraphKeys.GLOBAL_STEP")), str(p.api_value("GraphKeys.GLOBAL_VARIABLES"))}
    for key in sc.collection_keys(p, g):
        members = p.method(g, "get_collection", key, as_="members")
        count = sum(member is step for member in members)
        ah.assert_equal(p, f"sum(m is step for m in g.get_collection({key!r}))", count, int(key in wanted))


@creators
@pytest.mark.clause("GS-CREATE-FRESH-GRAPH")
@fresh
@example(**PAGE)
@example(**BUSY)
def test_belongs_to_its_graph(backend, creator, form, context, state):
    """The step's `graph` is the graph it was created for."""
    p = Program(backend)
    g, step = created(p, creator, form, context, state)
    ah.assert_is(p, f"{p.ref(step)}.graph", p.attr(step, "graph"), g)
