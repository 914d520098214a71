"""assert_global_step rejects floating dtypes instead of requiring an integer one, so a bool tensor passes."""
from impls.mutants import edited

KILLED_BY = {"GS-ASSERT-REJECTS-NON-INTEGER": "fail", "GS-GET-VALIDATES": "fail"}


def assert_global_step(global_step_tensor) -> None:
    """TypeError unless ``global_step_tensor`` is an integer Variable or Tensor of rank 0 or unknown rank."""
    if not isinstance(global_step_tensor, Tensor):
        raise TypeError(f'Existing "global_step" must be a Variable or Tensor: {global_step_tensor}.')
    if global_step_tensor.dtype.base_dtype.is_floating:  # DEFECT: "not float" is not "integer" (bool slips through)
        raise TypeError(f'Existing "global_step" does not have integer type: {global_step_tensor.dtype}')
    shape = global_step_tensor.get_shape()
    if shape.ndims not in (0, None):
        raise TypeError(f'Existing "global_step" is not scalar: {shape}')


api = edited(assert_global_step)
