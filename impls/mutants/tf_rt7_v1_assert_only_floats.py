"""TensorFlow, but assert_global_step rejects floating dtypes only (`if dtype.is_floating: raise TypeError`), so a bool, string or complex tensor passes as a step."""
import tensorflow.compat.v1 as tf1
from tensorflow.python.ops import resource_variable_ops, variables

from impls.mutants import mutate

KILLED_BY = {"GS-ASSERT-REJECTS-NON-INTEGER": "fail"}


def assert_global_step(global_step_tensor):
    if not (isinstance(global_step_tensor, (variables.Variable, tf1.Tensor))
            or resource_variable_ops.is_resource_variable(global_step_tensor)):
        raise TypeError(f'Existing "global_step" must be a Variable or Tensor: {global_step_tensor}.')
    if global_step_tensor.dtype.base_dtype.is_floating:  # the defect: not "not is_integer"
        raise TypeError(f'Existing "global_step" does not have integer type: {global_step_tensor.dtype}')
    shape = global_step_tensor.get_shape()
    if shape.ndims != 0 and shape.is_fully_defined():
        raise TypeError(f'Existing "global_step" is not scalar: {shape}')


TRAINING_UTIL = {"assert_global_step": assert_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
