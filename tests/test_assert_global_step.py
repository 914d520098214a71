"""assert_global_step accepts integer scalars and rejects the rest (spec group "assert": GS-ASSERT-*)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness import assertions as ah
from harness.program import Program
from tests import scenarios as sc
from tests import strategies as gst

#: Ways to make a tensor of a dtype and shape. Source: "global_step_tensor: Tensor to test": any Tensor, and a
#: Variable of either kind (a RefVariable, ``use_resource=False``, has a ``_ref`` dtype whose base is the dtype).
KINDS = ("Variable", "RefVariable", "get_variable", "constant", "placeholder")


def make(p, kind: str, dtype: str, shape):
    """A ``kind`` of tensor with ``dtype`` and ``shape`` (``None`` entries only for placeholders)."""
    tf_dtype = p.api_value(dtype)
    if kind == "placeholder":
        return p.call("placeholder", tf_dtype, shape, as_="t")
    if kind == "get_variable":
        return p.call("get_variable", "t", shape=shape, dtype=tf_dtype, initializer=p.call("zeros_initializer"),
                      as_="t")
    value = np.zeros(shape, dtype=bool if dtype == "bool" else np.int64).tolist()
    if kind == "RefVariable":
        return p.call("Variable", value, dtype=tf_dtype, use_resource=False, as_="t")
    return p.call(kind, value, dtype=tf_dtype, as_="t")


@pytest.mark.clause("GS-ASSERT-ACCEPTS-STEP")
@pytest.mark.parametrize("creator", gst.CREATORS)
def test_accepts_the_created_step(backend, creator):
    """The step made by the library passes its own check."""
    p = Program(backend)
    g = sc.new_graph(p)
    step = sc.create_step(p, g, creator)
    with p.default(g):
        ah.assert_accepts(p, TypeError, "train.assert_global_step", step)


@pytest.mark.clause("GS-ASSERT-ACCEPTS-INT-SCALAR")
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("dtype", gst.INTEGER_DTYPES)
def test_accepts_integer_scalars(backend, dtype, kind):
    """Every integer dtype passes, as a variable, a constant or a placeholder."""
    p = Program(backend)
    with p.default(sc.new_graph(p)):
        ah.assert_accepts(p, TypeError, "train.assert_global_step", make(p, kind, dtype, []))


@pytest.mark.clause("GS-ASSERT-ACCEPTS-UNKNOWN-RANK")
@pytest.mark.parametrize("dtype", gst.INTEGER_DTYPES)
def test_accepts_a_tensor_of_unknown_rank(backend, dtype):
    """An integer placeholder of shape None passes: it may be a scalar."""
    p = Program(backend)
    with p.default(sc.new_graph(p)):
        ah.assert_accepts(p, TypeError, "train.assert_global_step", make(p, "placeholder", dtype, None))


@pytest.mark.clause("GS-ASSERT-REJECTS-NON-INTEGER")
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("dtype", gst.NON_INTEGER_DTYPES)
def test_rejects_non_integer_dtypes(backend, dtype, kind):
    """Float and bool scalars raise TypeError."""
    p = Program(backend)
    with p.default(sc.new_graph(p)):
        ah.assert_raises(p, TypeError, "train.assert_global_step", make(p, kind, dtype, []))


@pytest.mark.clause("GS-ASSERT-REJECTS-NON-SCALAR")
@given(shape=st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=3),
       kind=st.sampled_from(KINDS))
def test_rejects_fully_defined_non_scalar_shapes(backend, shape, kind):
    """An integer tensor of rank 1 or more raises TypeError."""
    p = Program(backend)
    with p.default(sc.new_graph(p)):
        ah.assert_raises(p, TypeError, "train.assert_global_step", make(p, kind, "int64", shape))


@pytest.mark.clause("GS-ASSERT-REJECTS-NON-SCALAR")
@pytest.mark.parametrize("shape", [[None], [None, 3]], ids=str)
def test_rejects_partially_known_shape(backend, shape):
    """A placeholder of known rank 1 or 2 but unknown size raises TypeError."""
    p = Program(backend)
    with p.default(sc.new_graph(p)):
        ah.assert_raises(p, TypeError, "train.assert_global_step", make(p, "placeholder", "int64", shape))


@pytest.mark.clause("GS-ASSERT-REJECTS-NON-TENSOR")
@pytest.mark.parametrize("value", [5, None, np.int64(3), "global_step", [0]], ids=repr)
def test_rejects_values_that_are_not_tensors(backend, value):
    """Python and numpy values raise TypeError: only Variables and Tensors qualify."""
    p = Program(backend)
    with p.default(sc.new_graph(p)):
        ah.assert_raises(p, TypeError, "train.assert_global_step", value)


@pytest.mark.clause("GS-ASSERT-REJECTS-NON-TENSOR")
@pytest.mark.parametrize("made", ["integer constant", "integer variable", "no_op"])
def test_rejects_operations_even_of_integer_tensors(backend, made):
    """An Operation, even one whose output is an integer scalar, raises TypeError: it is not a Tensor."""
    p = Program(backend)
    with p.default(sc.new_graph(p)):
        if made == "no_op":
            op = p.call("no_op", as_="op")
        else:
            kind = "constant" if made == "integer constant" else "Variable"
            op = p.attr(p.call(kind, 3, dtype=p.api_value("int64"), as_="made"), "op")
        ah.assert_raises(p, TypeError, "train.assert_global_step", op)
