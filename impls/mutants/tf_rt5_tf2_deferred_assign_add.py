"""TensorFlow 2, but inside a tf.function a tf.Variable's assign_add is collected and applied when the function body ends (the update batching of a functional port), so a read written after counter.assign_add(1) still sees the count before it."""
import contextvars
import functools

import tensorflow as tf
from tensorflow.python.ops import resource_variable_ops

from impls.mutants._wrapped import function_made_by, tf2, variables_made_as

KILLED_BY = {"TF2-VAR-READ-BEFORE-INCREMENT": "fail"}
ResourceVariable = resource_variable_ops.ResourceVariable
_PENDING = contextvars.ContextVar("pending", default=None)


class Deferred(ResourceVariable):
    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        pending = _PENDING.get()
        if pending is None or not tf.inside_function():
            return super().assign_add(delta, use_locking=use_locking, name=name, read_value=read_value)
        delta = tf.convert_to_tensor(delta, dtype=self.dtype)
        pending.append((self, delta))  # the defect: applied at the end of the step
        return self.read_value() + delta if read_value else tf.no_op()


def make(func, **options):
    @functools.wraps(func)
    def batched(*args, **kwargs):
        pending = []
        token = _PENDING.set(pending)
        try:
            out = func(*args, **kwargs)
        finally:
            _PENDING.reset(token)
        for variable, delta in pending:
            ResourceVariable.assign_add(variable, delta)
        return out

    return tf.function(batched, **options)


TRAINING_UTIL = {}
api = tf2(Variable=variables_made_as(Deferred), function=function_made_by(make))
