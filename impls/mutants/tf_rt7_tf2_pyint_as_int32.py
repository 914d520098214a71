"""TensorFlow 2, but a Python int given to a tf.Variable's assign / assign_add / assign_sub is converted with TensorFlow's default integer dtype (int32) and then cast to the variable's dtype, so a value past 2**31 - 1 wraps."""
import numbers

import tensorflow as tf
from tensorflow.python.ops import resource_variable_ops

from impls.mutants._wrapped import tf2, variables_made_as

KILLED_BY = {"TF2-VAR-UPDATES": "fail"}
ResourceVariable = resource_variable_ops.ResourceVariable


def _converted(value, dtype):
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return tf.cast(tf.constant(value, dtype=tf.int32), dtype)  # the defect: int32 first
    return value


class Int32Literals(ResourceVariable):
    def assign(self, value, use_locking=None, name=None, read_value=True):
        return super().assign(_converted(value, self.dtype), use_locking, name, read_value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        return super().assign_add(_converted(delta, self.dtype), use_locking, name, read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return super().assign_sub(_converted(delta, self.dtype), use_locking, name, read_value)


TRAINING_UTIL = {}
api = tf2(Variable=variables_made_as(Int32Literals))
