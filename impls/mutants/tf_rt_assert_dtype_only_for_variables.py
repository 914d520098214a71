"""TensorFlow, but assert_global_step checks the dtype only inside its Variable branch, so a non-integer plain Tensor (a float constant or placeholder) passes."""
import tensorflow.compat.v1 as tf1
from tensorflow.python.ops import resource_variable_ops, variables

from impls.mutants import mutate

KILLED_BY = {"GS-ASSERT-REJECTS-NON-INTEGER": "fail"}


def assert_global_step(global_step_tensor):
    is_variable = (isinstance(global_step_tensor, variables.Variable)
                   or resource_variable_ops.is_resource_variable(global_step_tensor))
    if not (is_variable or isinstance(global_step_tensor, tf1.Tensor)):
        raise TypeError(f'Existing "global_step" must be a Variable or Tensor: {global_step_tensor}.')
    if is_variable and not global_step_tensor.dtype.base_dtype.is_integer:
        raise TypeError(f'Existing "global_step" does not have integer type: {global_step_tensor.dtype}')
    shape = global_step_tensor.get_shape()
    if shape.ndims != 0 and shape.is_fully_defined():
        raise TypeError(f'Existing "global_step" is not scalar: {shape}')


TRAINING_UTIL = {"assert_global_step": assert_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
