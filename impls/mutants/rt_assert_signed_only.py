"""assert_global_step checks the dtype against an allow-list int8/16/32/64 that forgot the unsigned integers."""
from impls.mutants import edited

KILLED_BY = {"GS-ASSERT-ACCEPTS-INT-SCALAR": "fail", "GS-GET-USER-STEP": "crash"}


def assert_global_step(global_step_tensor) -> None:
    """TypeError unless ``global_step_tensor`` is an integer Variable or Tensor of rank 0 or unknown rank."""
    if not isinstance(global_step_tensor, Tensor):
        raise TypeError(f'Existing "global_step" must be a Variable or Tensor: {global_step_tensor}.')
    if global_step_tensor.dtype.base_dtype.name not in ("int8", "int16", "int32", "int64"):  # DEFECT: no uint*
        raise TypeError(f'Existing "global_step" does not have integer type: {global_step_tensor.dtype}')
    shape = global_step_tensor.get_shape()
    if shape.ndims not in (0, None):
        raise TypeError(f'Existing "global_step" is not scalar: {shape}')


api = edited(assert_global_step)
