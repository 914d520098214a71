"""assert_global_step raises ValueError (TensorFlow's usual exception for shape problems) instead of TypeError for a non-scalar step."""
from impls.mutants import edited

KILLED_BY = {"GS-ASSERT-REJECTS-NON-SCALAR": "fail", "GS-GET-VALIDATES": "fail"}


def assert_global_step(global_step_tensor) -> None:
    """TypeError unless ``global_step_tensor`` is an integer Variable or Tensor; ValueError unless it is a scalar."""
    if not isinstance(global_step_tensor, Tensor):  # Variable is a Tensor here
        raise TypeError(f'Existing "global_step" must be a Variable or Tensor: {global_step_tensor}.')
    if not global_step_tensor.dtype.base_dtype.is_integer:
        raise TypeError(f'Existing "global_step" does not have integer type: {global_step_tensor.dtype}')
    shape = global_step_tensor.get_shape()
    if shape.ndims not in (0, None):
        raise ValueError(f'Existing "global_step" is not scalar: {shape}')


api = edited(assert_global_step)
