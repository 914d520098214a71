"""TensorFlow 2, but a tf.Variable's assign_sub drops read_value (it forwards delta, use_locking and name only), so assign_sub(d, read_value=False) returns the variable instead of None."""
from tensorflow.python.ops import resource_variable_ops

from impls.mutants._wrapped import tf2, variables_made_as

KILLED_BY = {"TF2-VAR-UPDATES": "fail"}
ResourceVariable = resource_variable_ops.ResourceVariable


class DropsReadValue(ResourceVariable):
    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return super().assign_sub(delta, use_locking=use_locking, name=name)  # the defect: read_value dropped


TRAINING_UTIL = {}
api = tf2(Variable=variables_made_as(DropsReadValue))
