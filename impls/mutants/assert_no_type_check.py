"""assert_global_step does not check that it got a tensor: a Python int fails with AttributeError, not TypeError."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-ASSERT-REJECTS-NON-TENSOR": "fail"}


def assert_global_step(global_step_tensor):
    if not global_step_tensor.dtype.base_dtype.is_integer:
        raise TypeError(f'Existing "global_step" does not have integer type: {global_step_tensor.dtype}')
    if global_step_tensor.get_shape().ndims not in (0, None):
        raise TypeError(f'Existing "global_step" is not scalar: {global_step_tensor.get_shape()}')


api = mutate(tf1, train={"assert_global_step": assert_global_step})
