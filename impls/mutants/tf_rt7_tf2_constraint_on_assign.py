"""TensorFlow 2, but a tf.Variable's constraint= is enforced on every assign / assign_add / assign_sub (TensorFlow leaves it to optimizers, after their updates), so a counter made with a constraint is changed by it when the user increments it."""
from tensorflow.python.ops import resource_variable_ops

from impls.mutants._wrapped import tf2, variables_made_as

KILLED_BY = {"TF2-VAR-UPDATES": "fail"}
ResourceVariable = resource_variable_ops.ResourceVariable


class ConstrainedOnAssign(ResourceVariable):
    def _enforce(self, use_locking, read_value):  # the defect
        return ResourceVariable.assign(self, self.constraint(self.read_value()), use_locking, read_value=read_value)

    def assign(self, value, use_locking=None, name=None, read_value=True):
        if self.constraint is None:
            return super().assign(value, use_locking, name, read_value)
        super().assign(value, use_locking, name, read_value=False)
        return self._enforce(use_locking, read_value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        if self.constraint is None:
            return super().assign_add(delta, use_locking, name, read_value)
        super().assign_add(delta, use_locking, name, read_value=False)
        return self._enforce(use_locking, read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        if self.constraint is None:
            return super().assign_sub(delta, use_locking, name, read_value)
        super().assign_sub(delta, use_locking, name, read_value=False)
        return self._enforce(use_locking, read_value)


TRAINING_UTIL = {}
api = tf2(Variable=variables_made_as(ConstrainedOnAssign))
