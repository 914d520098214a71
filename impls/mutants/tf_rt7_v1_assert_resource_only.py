"""TensorFlow, but assert_global_step's type check is isinstance(x, (Tensor, BaseResourceVariable)) (written against TF 2's resource variables), so a RefVariable step (use_resource=False) is rejected with TypeError."""
import tensorflow.compat.v1 as tf1
from tensorflow.python.ops import resource_variable_ops

from impls.mutants import mutate

KILLED_BY = {"GS-ASSERT-ACCEPTS-INT-SCALAR": "fail"}


def assert_global_step(global_step_tensor):
    if not isinstance(global_step_tensor, (tf1.Tensor, resource_variable_ops.BaseResourceVariable)):  # the defect
        raise TypeError(f'Existing "global_step" must be a Variable or Tensor: {global_step_tensor}.')
    tf1.train.assert_global_step(global_step_tensor)


TRAINING_UTIL = {"assert_global_step": assert_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
