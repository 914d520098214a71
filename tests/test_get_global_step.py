"""get_global_step finds the step, or says there is none (spec group "get": GS-GET-*)."""

import contextlib

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from harness import assertions as ah
from harness.outcomes import checking
from harness.program import Program
from tests import scenarios as sc
from tests import strategies as gst


def user_variable(p, dtype: str, *, in_collection: bool, value=0, name="global_step"):
    """``tf1.Variable(value, dtype=..., name=name, trainable=False)``, in GLOBAL_STEP if asked."""
    keys = ["GraphKeys.GLOBAL_VARIABLES"] + (["GraphKeys.GLOBAL_STEP"] if in_collection else [])
    return p.call("Variable", value, dtype=p.api_value(dtype), name=name, trainable=False,
                  collections=[p.api_value(key) for key in keys], as_="mine")


@pytest.mark.clause("GS-GET-NONE-FRESH")
@given(form=gst.graph_forms, context=gst.lookup_contexts, state=gst.graph_states)
@example(form="omitted", context=(), state=gst.GraphState())
@example(form="keyword", context=(), state=gst.BUSY_GRAPH)
@example(form="positional", context=(), state=gst.GraphState(counter=True))  # one int64 non-trainable: `epoch`
@gst.every_context(lookup=True, form="omitted", state=gst.GraphState())
def test_returns_none_in_a_graph_without_a_step(backend, form, context, state):
    """A graph without a step gives None, whatever else it holds."""
    p = Program(backend)
    g = sc.new_graph(p, state=state)
    sc.populate(p, g, state)
    ah.assert_none(p, "found", sc.call_with_graph(p, "get_global_step", g, form, context=context, as_="found"))


@pytest.mark.clause("GS-GET-FINDS-STEP")
@pytest.mark.parametrize("creator", gst.CREATORS)
@given(first=gst.graph_forms, form=gst.graph_forms, context=gst.lookup_contexts, state=gst.graph_states)
@example(first="omitted", form="omitted", context=(), state=gst.GraphState())
@example(first="positional", form="none", context=(gst.Layer("variable_scope", "outer", "True"),),
         state=gst.BUSY_GRAPH)
@gst.every_context(lookup=True, first="omitted", form="keyword", state=gst.GraphState())
def test_returns_the_created_step(backend, creator, first, form, context, state):
    """After creation get_global_step returns the very step that was made."""
    p = Program(backend)
    g = sc.new_graph(p, state=state)
    sc.populate(p, g, state)
    step = sc.call_with_graph(p, creator, g, first)
    ah.assert_is(p, "found", sc.call_with_graph(p, "get_global_step", g, form, context=context, as_="found"), step)


#: Where the import is made: at the root of the graph, or inside a name scope or a variable scope (whose name
#: prefixes the imported names, TF 2.21 measured).
IMPORT_WITHIN = (None, ("name_scope", "ns"), ("variable_scope", "vs"))


@pytest.mark.clause("GS-GET-IMPORTED-STEP")
@given(made=st.sampled_from(gst.CREATORS) | gst.user_steps, scope=st.sampled_from(["", "outer"]),
       import_scope=st.sampled_from(["", "imported"]), within=st.sampled_from(IMPORT_WITHIN),
       exported=st.sampled_from(["default", "graph="]), via_file=st.booleans(), form=gst.graph_forms,
       state=gst.graph_states)
@example(made="get_or_create_global_step", scope="", import_scope="", within=None, exported="default",
         via_file=False, form="omitted", state=gst.GraphState())
@example(made=gst.UserStep("uint8", "my_step", trainable=True, also="none", ref=True), scope="outer",
         import_scope="imported", within=("name_scope", "ns"), exported="graph=", via_file=True, form="keyword",
         state=gst.BUSY_GRAPH)
def test_a_graph_rebuilt_from_an_exported_meta_graph_has_its_step(backend, made, scope, import_scope, within,
                                                                  exported, via_file, form, state):
    """A graph importing another's exported meta graph has its step: found, returned again, at 0."""
    # Source: "We first try to find it in the collection GLOBAL_STEP"; TF 2.21 (measured): import_meta_graph
    # brings the collection back, the step named <name scope>/<import_scope>/<its name>, of its dtype, as
    # trainable as it was, 0 once initialised; export_meta_graph(graph=g) exports g from any default graph, and
    # a file written by export_meta_graph(filename) imports the same.
    p = Program(backend)
    g = sc.new_graph(p, state=state)
    sc.populate(p, g, state)
    with p.default(g), p.within("variable_scope", scope) if scope else contextlib.nullcontext():
        if isinstance(made, str):
            p.call(f"train.{made}", as_="step")
        else:
            sc.user_step(p, made)
    with sc.temporary_path(p, "meta_file", "model.meta") if via_file else contextlib.nullcontext() as file:
        where = {"graph": g} if exported == "graph=" else {}
        with p.default(sc.new_graph(p, "bystander") if exported == "graph=" else g):
            meta = p.call("train.export_meta_graph", **({"filename": file} if via_file else {}), **where, as_="meta")
        h = sc.new_graph(p, "h")
        with p.default(h), p.within(*within) if within else contextlib.nullcontext():
            p.call("train.import_meta_graph", file if via_file else meta,
                   **({"import_scope": import_scope} if import_scope else {}), as_="saver")
    found = sc.call_with_graph(p, "get_global_step", h, form, as_="found")
    name = "global_step" if isinstance(made, str) else made.name
    expected = "/".join(part for part in (within[1] if within else "", import_scope, scope, name) if part) + ":0"
    observed = None if found is None else str(p.attr(found, "name"))  # None: the import lost the step
    ah.assert_equal(p, f"getattr({p.current('found')}, 'name', None)", observed, expected)
    dtype = "int64" if isinstance(made, str) else made.dtype
    ah.assert_equal(p, f"{p.current('found')}.dtype.base_dtype.name", p.attr(found, "dtype.base_dtype.name"), dtype)
    trainable = False if isinstance(made, str) else made.trainable  # an imported step must not become trained
    ah.assert_equal(p, f"{p.current('found')}.trainable", p.attr(found, "trainable"), trainable)
    ah.assert_is(p, "again", sc.call_with_graph(p, "get_or_create_global_step", h, form, as_="again"), found)
    with p.default(h):
        init = p.call("variables_initializer", [found], as_="init")
        sess = p.call("Session", graph=h, as_="sess")
        p.method(sess, "run", init)
        ah.assert_equal(p, "value", p.call("train.global_step", sess, found, as_="value"), 0)


@pytest.mark.clause("GS-GET-GRAPH-ARG")
@given(graphs=gst.graph_counts, data=st.data())
def test_graph_argument_picks_the_graph(backend, graphs, data):
    """get_global_step(g), by position or keyword, answers for g (Graph or subclass), whatever is default."""
    p = Program(backend)
    made = [sc.new_graph(p, state=gst.GraphState(subclass=data.draw(st.booleans(), label="subclass")))
            for _ in range(graphs)]
    with_step = data.draw(st.sets(st.sampled_from(range(graphs))), label="graphs with a step")
    default = data.draw(st.sampled_from(made), label="default graph")
    steps = {i: sc.call_with_graph(p, "get_or_create_global_step", made[i], "keyword", bystander=default)
             for i in sorted(with_step)}
    for i, g in enumerate(made):
        form = data.draw(st.sampled_from(sc.EXPLICIT), label="form")
        found = sc.call_with_graph(p, "get_global_step", g, form, bystander=default, as_="found")
        if i in steps:
            ah.assert_is(p, "found", found, steps[i])
        else:
            ah.assert_none(p, "found", found)


@pytest.mark.clause("GS-GET-GRAPH-ARG")
@pytest.mark.parametrize("form", sc.EXPLICIT)
@pytest.mark.parametrize("found", ["in-collection", "by-name"])
def test_graph_argument_finds_the_step_of_another_graph(backend, form, found):
    """get_global_step(g2) while g1 is default finds g2's step, by collection or by name; g1 gives None."""
    p = Program(backend)
    g1, g2 = sc.new_graph(p, "g1"), sc.new_graph(p, "g2")
    if found == "in-collection":
        step = sc.call_with_graph(p, "get_or_create_global_step", g2, "keyword", bystander=g1)
    else:
        with p.default(g2):
            step = p.call("constant", 3, dtype=p.api_value("int64"), name="global_step", as_="step")
    ah.assert_is(p, "found", sc.call_with_graph(p, "get_global_step", g2, form, bystander=g1, as_="found"), step)
    ah.assert_none(p, "found", sc.call_with_graph(p, "get_global_step", g1, "omitted", as_="found"))


@pytest.mark.clause("GS-GET-USER-STEP")
@given(step=gst.user_steps, form=gst.graph_forms, context=gst.lookup_contexts, state=gst.graph_states,
       named=st.booleans())
@example(step=gst.UserStep("int64", "my_step"), form="omitted", context=(), state=gst.GraphState(), named=False)
@example(step=gst.UserStep("uint8", "step", trainable=True, also="LOCAL_VARIABLES"), form="positional", context=(),
         state=gst.BUSY_GRAPH, named=True)
@gst.every_context(lookup=True, step=gst.UserStep("int32", "my_step"), form="omitted", state=gst.GraphState(),
                   named=True)
def test_finds_a_user_step_in_the_collection(backend, step, form, context, state, named):
    """An integer scalar variable in GLOBAL_STEP is the step, whatever else is named global_step."""
    p = Program(backend)
    g = sc.new_graph(p, state=state)
    sc.populate(p, g, state)
    with p.default(g):
        mine = sc.user_step(p, step)
        if named and step.name != "global_step":
            p.call("constant", 7, dtype=p.api_value("int64"), name="global_step", as_="named")
    for function in ("get_global_step", "get_or_create_global_step"):
        found = sc.call_with_graph(p, function, g, form, context=context, as_="found")
        ah.assert_is(p, "found", found, mine)


@pytest.mark.clause("GS-GET-NAME-FALLBACK", "GS-IDEM-NO-GROWTH")
@given(dtype=st.sampled_from(gst.INTEGER_DTYPES), looked=st.integers(0, 2), form=gst.graph_forms,
       context=gst.lookup_contexts, state=gst.graph_states, finalized=st.booleans(),
       via=st.sampled_from(["get_global_step", "get_or_create_global_step"]))
@example(dtype="int64", looked=0, form="omitted", context=(), state=gst.GraphState(), finalized=False,
         via="get_global_step")
@example(dtype="int32", looked=2, form="positional", context=(gst.Layer("name_scope", "outer"),),
         state=gst.BUSY_GRAPH, finalized=False, via="get_or_create_global_step")
@example(dtype="uint16", looked=0, form="keyword", context=(), state=gst.GraphState(), finalized=True,
         via="get_global_step")
@example(dtype="int8", looked=1, form="omitted", context=(gst.Layer("name_scope", "outer"),), state=gst.BUSY_GRAPH,
         finalized=True, via="get_or_create_global_step")
@gst.every_context(lookup=True, dtype="int64", looked=1, form="omitted", state=gst.GraphState(), finalized=False,
                   via="get_global_step")
def test_finds_integer_tensor_by_name_outside_collection(backend, dtype, looked, form, context, state, finalized,
                                                         via):
    """An integer tensor named global_step outside GLOBAL_STEP is found (after misses too), adding nothing."""
    p = Program(backend)
    g = sc.new_graph(p, state=state)
    sc.populate(p, g, state)
    for _ in range(looked):  # lookups before the tensor exists find nothing, and must not stop a later one
        ah.assert_none(p, "found", sc.call_with_graph(p, "get_global_step", g, form, as_="found"))
    with p.default(g):
        mine = p.call("constant", 3, dtype=p.api_value(dtype), name="global_step", as_="mine")
    if finalized:  # as MonitoredSession leaves it: a lookup that adds anything raises RuntimeError
        p.method(g, "finalize")
        # Blocks that add to the graph when entered cannot open on it (control_dependencies makes its input, TF1's
        # variable_scope writes a collection, a strategy its devices): only those that add nothing stay.
        context = tuple(layer for layer in context if layer.kind in ("name_scope", "device"))
    ah.assert_is(p, "found", sc.call_with_graph(p, via, g, form, context=context, as_="found"), mine)
    with checking("GS-IDEM-NO-GROWTH" if via == "get_or_create_global_step" else "GS-GET-NAME-FALLBACK"):
        members = p.method(g, "get_collection", p.api_value("GraphKeys.GLOBAL_STEP"), as_="members")
        ah.assert_equal(p, "len(members)", len(members), 0)


@pytest.mark.clause("GS-GET-NAME-FALLBACK")
def test_finds_integer_variable_by_name_outside_collection(backend):
    """With GLOBAL_STEP empty, an int64 variable named global_step is found by name."""
    p = Program(backend)
    g = sc.new_graph(p)
    with p.default(g):
        user_variable(p, "int64", in_collection=False)
        found = p.call("train.get_global_step", as_="found")
    ah.assert_is_not(p, "found", found, None)
    ah.assert_equal(p, f"{p.ref(found)}.name", p.attr(found, "name"), "global_step:0")


@pytest.mark.clause("GS-GET-VALIDATES")
@pytest.mark.parametrize("dtype", gst.NON_INTEGER_DTYPES)
@pytest.mark.parametrize("in_collection", [True, False], ids=["in-collection", "by-name"])
def test_raises_type_error_for_a_non_integer_step(backend, dtype, in_collection):
    """A non-integer step, in GLOBAL_STEP or named global_step, raises TypeError."""
    p = Program(backend)
    g = sc.new_graph(p)
    with p.default(g):
        if in_collection:
            user_variable(p, dtype, in_collection=True, value=False if dtype == "bool" else 0)
        else:
            p.call("constant", False if dtype == "bool" else 0, dtype=p.api_value(dtype), name="global_step")
        ah.assert_raises(p, TypeError, "train.get_global_step")


@pytest.mark.clause("GS-GET-VALIDATES")
@pytest.mark.parametrize("shape", [[2], [1, 1], [0]], ids=str)
@pytest.mark.parametrize("in_collection", [True, False], ids=["in-collection", "by-name"])
def test_raises_type_error_for_a_non_scalar_step(backend, shape, in_collection):
    """An int64 step of fully defined non-scalar shape, in GLOBAL_STEP or by name, raises TypeError."""
    import numpy as np

    p = Program(backend)
    g = sc.new_graph(p)
    value = np.zeros(shape, dtype=np.int64).tolist()
    with p.default(g):
        if in_collection:
            user_variable(p, "int64", in_collection=True, value=value)
        else:
            p.call("constant", value, dtype=p.api_value("int64"), name="global_step")
        ah.assert_raises(p, TypeError, "train.get_global_step")


@pytest.mark.clause("GS-GET-MULTIPLE-NONE")
@pytest.mark.parametrize("names", [("global_step", "other_step"), ("step_a", "step_b")], ids="-".join)
def test_two_collection_entries_give_none(backend, names):
    """With two entries in GLOBAL_STEP there is no single step: None."""
    p = Program(backend)
    g = sc.new_graph(p)
    with p.default(g):
        for name in names:
            user_variable(p, "int64", in_collection=True, name=name)
        ah.assert_none(p, "found", p.call("train.get_global_step", as_="found"))
