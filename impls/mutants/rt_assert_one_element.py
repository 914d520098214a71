"""assert_global_step tests "has exactly one element" instead of "rank 0", so shape [1] or [1, 1] passes as a scalar."""
from impls.mutants import edited

KILLED_BY = {"GS-ASSERT-REJECTS-NON-SCALAR": "fail", "GS-GET-VALIDATES": "fail"}


def assert_global_step(global_step_tensor) -> None:
    """TypeError unless ``global_step_tensor`` is an integer Variable or Tensor of rank 0 or unknown rank."""
    if not isinstance(global_step_tensor, Tensor):
        raise TypeError(f'Existing "global_step" must be a Variable or Tensor: {global_step_tensor}.')
    if not global_step_tensor.dtype.base_dtype.is_integer:
        raise TypeError(f'Existing "global_step" does not have integer type: {global_step_tensor.dtype}')
    shape = global_step_tensor.get_shape()
    # DEFECT: a one-element tensor is "effectively scalar"
    if shape.ndims is not None and (not shape.is_fully_defined() or int(np.prod(shape.dims)) != 1):
        raise TypeError(f'Existing "global_step" is not scalar: {shape}')


api = edited(assert_global_step)
