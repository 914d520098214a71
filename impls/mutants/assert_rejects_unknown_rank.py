"""assert_global_step rejects a tensor of unknown rank, as if "not known to be a scalar" were "not a scalar"."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-ASSERT-ACCEPTS-UNKNOWN-RANK": "fail"}


def assert_global_step(global_step_tensor):
    if not isinstance(global_step_tensor, tf1.Tensor):
        raise TypeError(f'Existing "global_step" must be a Variable or Tensor: {global_step_tensor}.')
    if not global_step_tensor.dtype.base_dtype.is_integer:
        raise TypeError(f'Existing "global_step" does not have integer type: {global_step_tensor.dtype}')
    if global_step_tensor.get_shape().ndims != 0:  # the defect: None (unknown rank) is not 0 either
        raise TypeError(f'Existing "global_step" is not scalar: {global_step_tensor.get_shape()}')


api = mutate(tf1, train={"assert_global_step": assert_global_step})
