"""assert_global_step accepts only Variables (reading get_global_step's "TypeError ... if it is not a Variable" literally), so an integer scalar Tensor is rejected."""
from impls.mutants import edited

KILLED_BY = {"GS-ASSERT-ACCEPTS-INT-SCALAR": "fail", "GS-GET-NAME-FALLBACK": "crash"}


def assert_global_step(global_step_tensor) -> None:
    """TypeError unless ``global_step_tensor`` is an integer Variable of rank 0 or unknown rank.

    get_global_step's docstring: "TypeError: If the global step tensor has a non-integer type, or if it is not a
    `Variable`."
    """
    if not isinstance(global_step_tensor, Variable):
        raise TypeError(f'Existing "global_step" must be a Variable: {global_step_tensor}.')
    if not global_step_tensor.dtype.base_dtype.is_integer:
        raise TypeError(f'Existing "global_step" does not have integer type: {global_step_tensor.dtype}')
    shape = global_step_tensor.get_shape()
    if shape.ndims not in (0, None):
        raise TypeError(f'Existing "global_step" is not scalar: {shape}')


api = edited(assert_global_step)
