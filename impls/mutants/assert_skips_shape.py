"""assert_global_step checks the dtype but not the shape, so a vector step passes."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-ASSERT-REJECTS-NON-SCALAR": "fail"}


def assert_global_step(global_step_tensor):
    if not isinstance(global_step_tensor, tf1.Tensor):
        raise TypeError(f'Existing "global_step" must be a Variable or Tensor: {global_step_tensor}.')
    if not global_step_tensor.dtype.base_dtype.is_integer:
        raise TypeError(f'Existing "global_step" does not have integer type: {global_step_tensor.dtype}')


api = mutate(tf1, train={"assert_global_step": assert_global_step})
