"""TensorFlow, but when an optimizer's learning_rate is a callable, apply_gradients builds the global_step increment before the variable updates, so a schedule reading the step sees this run's increment."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-AFTER-UPDATE": "fail"}


class CallableRateIncrementsFirst:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        rate = getattr(self, "_learning_rate", getattr(self, "_lr", None))
        if global_step is None or not callable(rate):
            return super().apply_gradients(grads_and_vars, global_step, name, **kwargs)
        with tf1.colocate_with(global_step):  # the defect: the increment first
            increment = global_step.assign_add(tf1.constant(1, dtype=global_step.dtype.base_dtype))
        with tf1.control_dependencies([increment]):
            update = super().apply_gradients(tuple(grads_and_vars), None, name, **kwargs)
        return tf1.group(update, increment, name=name)


TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, CallableRateIncrementsFirst))
