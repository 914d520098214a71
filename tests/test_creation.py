"""What a freshly created step looks like (spec group "creation": GS-CREATE-FRESH-*).

Every property is checked for both ways of creating it: get_or_create_global_step and create_global_step.
"""

import pytest
from hypothesis import given

from harness import assertions as ah
from harness.program import Program
from tests import scenarios as sc
from tests import strategies as gst

creators = pytest.mark.parametrize("creator", gst.CREATORS)


@creators
@pytest.mark.clause("GS-CREATE-FRESH-NAME")
def test_is_named_global_step(backend, creator):
    """A fresh graph's step is named `global_step:0`."""
    p = Program(backend)
    step = sc.create_step(p, sc.new_graph(p), creator)
    ah.assert_equal(p, "step.name", p.attr(step, "name"), "global_step:0")


@creators
@pytest.mark.clause("GS-CREATE-FRESH-NAME-SCOPE")
@given(scopes=gst.scope_paths)
def test_name_ignores_enclosing_name_scopes(backend, creator, scopes):
    """Nested name_scopes around the call leave the name `global_step:0`."""
    p = Program(backend)
    g = sc.new_graph(p)
    with p.default(g), p.within_each("name_scope", scopes):
        step = p.call(f"train.{creator}", as_="step")
    ah.assert_equal(p, "step.name", p.attr(step, "name"), "global_step:0")


@pytest.mark.clause("GS-CREATE-FRESH-VARIABLE-SCOPE")
@given(scopes=gst.scope_paths)
def test_variable_scope_prefixes_name(backend, scopes):
    """Inside variable_scope a/b the step is `a/b/global_step:0` and still found."""
    p = Program(backend)
    g = sc.new_graph(p)
    with p.default(g):
        with p.within_each("variable_scope", scopes):
            step = p.call("train.get_or_create_global_step", as_="step")
        ah.assert_equal(p, "step.name", p.attr(step, "name"), "/".join(scopes) + "/global_step:0")
        ah.assert_is(p, "found", p.call("train.get_global_step", as_="found"), step)


@creators
@pytest.mark.clause("GS-CREATE-FRESH-SCALAR")
def test_step_is_a_scalar(backend, creator):
    """The step's shape is fully defined and of rank 0."""
    p = Program(backend)
    step = sc.create_step(p, sc.new_graph(p), creator)
    shape = p.method(step, "get_shape", as_="shape")
    ah.assert_equal(p, "shape.ndims", p.attr(shape, "ndims"), 0)
    ah.assert_equal(p, "shape.is_fully_defined()", p.method(shape, "is_fully_defined"), True)


@creators
@pytest.mark.clause("GS-CREATE-FRESH-INT64")
def test_base_dtype_is_int64(backend, creator):
    """The step's dtype.base_dtype is int64 (a RefVariable reports int64_ref)."""
    p = Program(backend)
    step = sc.create_step(p, sc.new_graph(p), creator)
    ah.assert_equal(p, "step.dtype.base_dtype", p.attr(step, "dtype.base_dtype"), p.api_value("int64"))


@creators
@pytest.mark.clause("GS-CREATE-FRESH-NOT-TRAINABLE")
def test_is_not_trainable(backend, creator):
    """The step's `trainable` attribute is False."""
    p = Program(backend)
    step = sc.create_step(p, sc.new_graph(p), creator)
    ah.assert_equal(p, "step.trainable", p.attr(step, "trainable"), False)


@creators
@pytest.mark.clause("GS-CREATE-FRESH-NOT-TRAINABLE")
def test_is_in_no_trainable_collection(backend, creator):
    """TRAINABLE_VARIABLES and tf1.trainable_variables() do not hold the step."""
    p = Program(backend)
    g = sc.new_graph(p)
    step = sc.create_step(p, g, creator)
    key = p.api_value("GraphKeys.TRAINABLE_VARIABLES")
    members = p.method(g, "get_collection", key, as_="trainable")
    ah.assert_member(p, "step", step, "trainable", members, present=False)
    with p.default(g):
        members = p.call("trainable_variables", as_="trainable")
    ah.assert_member(p, "step", step, "trainable", members, present=False)


@creators
@pytest.mark.clause("GS-CREATE-FRESH-ZERO")
def test_reads_zero_after_initialisation(backend, creator):
    """After global_variables_initializer() the step reads 0."""
    p = Program(backend)
    g = sc.new_graph(p)
    step = sc.create_step(p, g, creator)
    with sc.session(p, g) as sess:
        ah.assert_equal(p, "sess.run(step)", p.method(sess, "run", step, as_="value"), 0)


@creators
@pytest.mark.clause("GS-CREATE-FRESH-COLLECTIONS")
@pytest.mark.parametrize("key", ["GLOBAL_STEP", "GLOBAL_VARIABLES"])
def test_is_in_its_collections(backend, creator, key):
    """The step is in the graph's GLOBAL_STEP and GLOBAL_VARIABLES collections."""
    p = Program(backend)
    g = sc.new_graph(p)
    step = sc.create_step(p, g, creator)
    members = p.method(g, "get_collection", p.api_value(f"GraphKeys.{key}"), as_="members")
    ah.assert_member(p, "step", step, "members", members)


@creators
@pytest.mark.clause("GS-CREATE-FRESH-GRAPH")
def test_belongs_to_its_graph(backend, creator):
    """The step's `graph` is the graph it was created in."""
    p = Program(backend)
    g = sc.new_graph(p)
    step = sc.create_step(p, g, creator)
    ah.assert_is(p, "step.graph", p.attr(step, "graph"), g)

