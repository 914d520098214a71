"""TensorFlow, but assert_global_step raises ValueError (a shape problem, as TensorShape checks do) instead of TypeError for a non-scalar integer step."""
import tensorflow.compat.v1 as tf1
from tensorflow.python.ops import resource_variable_ops, variables

from impls.mutants import mutate

KILLED_BY = {"GS-ASSERT-REJECTS-NON-SCALAR": "fail"}


def assert_global_step(global_step_tensor):
    if not (isinstance(global_step_tensor, (variables.Variable, tf1.Tensor))
            or resource_variable_ops.is_resource_variable(global_step_tensor)):
        raise TypeError(f'Existing "global_step" must be a Variable or Tensor: {global_step_tensor}.')
    if not global_step_tensor.dtype.base_dtype.is_integer:
        raise TypeError(f'Existing "global_step" does not have integer type: {global_step_tensor.dtype}')
    shape = global_step_tensor.get_shape()
    if shape.ndims != 0 and shape.is_fully_defined():
        raise ValueError(f'Existing "global_step" is not scalar: {shape}')


TRAINING_UTIL = {"assert_global_step": assert_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
