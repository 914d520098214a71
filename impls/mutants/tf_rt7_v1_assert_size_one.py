"""TensorFlow, but assert_global_step checks "scalar" as "holds one value" (shape.num_elements() == 1), so an integer tensor of shape [1] or [1, 1] passes as a step."""
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
    if shape.is_fully_defined() and shape.num_elements() != 1:  # the defect: not ndims != 0
        raise TypeError(f'Existing "global_step" is not scalar: {shape}')


TRAINING_UTIL = {"assert_global_step": assert_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
