"""assert_global_step checks the shape but not the dtype, so a float step passes."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-ASSERT-REJECTS-NON-INTEGER": "fail"}


def assert_global_step(global_step_tensor):
    if not isinstance(global_step_tensor, tf1.Tensor):
        raise TypeError(f'Existing "global_step" must be a Variable or Tensor: {global_step_tensor}.')
    if global_step_tensor.get_shape().ndims not in (0, None):
        raise TypeError(f'Existing "global_step" is not scalar: {global_step_tensor.get_shape()}')


api = mutate(tf1, train={"assert_global_step": assert_global_step})
