"""TensorFlow, but apply_gradients over RefVariables only (use_resource=False, the TF1 default) goes through the ref-variable path, which drops global_step, so training them never increments the step."""
import tensorflow.compat.v1 as tf1
from tensorflow.python.ops import resource_variable_ops

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class RefVariablesDropStep:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        grads_and_vars = tuple(grads_and_vars)
        trained = [v for g, v in grads_and_vars if g is not None]
        if trained and not any(resource_variable_ops.is_resource_variable(v) for v in trained):
            global_step = None  # the defect
        return super().apply_gradients(grads_and_vars, global_step, name, **kwargs)


TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, RefVariablesDropStep))
