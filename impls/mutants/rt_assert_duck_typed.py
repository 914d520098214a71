"""assert_global_step is duck-typed (anything with an integer `dtype` and a scalar `shape`), so numpy integers and 0-d arrays pass as a step."""
from impls.mutants import edited
from impls.reference.graph import TensorShape

KILLED_BY = {"GS-ASSERT-REJECTS-NON-TENSOR": "fail"}


def assert_global_step(global_step_tensor) -> None:
    """TypeError unless ``global_step_tensor`` looks like an integer tensor of rank 0 or unknown rank.

    Duck-typed, so that tensor-likes of other libraries work: it needs a ``dtype`` and a ``shape``.
    """
    dtype, shape = getattr(global_step_tensor, "dtype", None), getattr(global_step_tensor, "shape", None)
    if dtype is None or shape is None:
        raise TypeError(f'Existing "global_step" must be a Variable or Tensor: {global_step_tensor}.')
    if not dtypes.as_dtype(dtype).base_dtype.is_integer:
        raise TypeError(f'Existing "global_step" does not have integer type: {dtype}')
    shape = shape if isinstance(shape, TensorShape) else TensorShape(shape)
    if shape.ndims not in (0, None):
        raise TypeError(f'Existing "global_step" is not scalar: {shape}')


api = edited(assert_global_step, imports={"TensorShape": TensorShape})
