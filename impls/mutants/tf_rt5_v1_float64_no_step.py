"""TensorFlow, but apply_gradients routes float64 variables through a separate "double precision" path that drops global_step, so training float64 variables never increments the step."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class Float64DropsStep:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        grads_and_vars = tuple(grads_and_vars)
        if any(g is not None and v.dtype.base_dtype == tf1.float64 for g, v in grads_and_vars):
            global_step = None  # the defect
        return super().apply_gradients(grads_and_vars, global_step, name, **kwargs)


TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, Float64DropsStep))
