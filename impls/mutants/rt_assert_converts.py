"""assert_global_step first runs convert_to_tensor on its argument, so plain Python / numpy integers are accepted."""
from impls.mutants import edited

KILLED_BY = {"GS-ASSERT-REJECTS-NON-TENSOR": "fail"}


def assert_global_step(global_step_tensor) -> None:
    """TypeError unless ``global_step_tensor`` is an integer Variable or Tensor of rank 0 or unknown rank."""
    if not isinstance(global_step_tensor, Tensor):
        global_step_tensor = convert_to_tensor(global_step_tensor)  # DEFECT: "accept anything tensor-like"
    if not global_step_tensor.dtype.base_dtype.is_integer:
        raise TypeError(f'Existing "global_step" does not have integer type: {global_step_tensor.dtype}')
    shape = global_step_tensor.get_shape()
    if shape.ndims not in (0, None):
        raise TypeError(f'Existing "global_step" is not scalar: {shape}')


api = edited(assert_global_step)
