"""TensorFlow, but the step increment was ported only for resource variables (TF's BaseResourceVariable branch); a non-resource step (a RefVariable, e.g. from use_resource=False) is silently left where it was."""
import tensorflow.compat.v1 as tf1
from tensorflow.python.ops import resource_variable_ops

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class ResourceOnlyIncrement:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        if global_step is not None and not isinstance(global_step, resource_variable_ops.BaseResourceVariable):
            global_step = None  # TF2 port: only the assign_add_variable_op(handle) branch was kept
        return super().apply_gradients(grads_and_vars, global_step=global_step, name=name, **kwargs)


#: No training_util function changes, so TensorFlow's own training_util_test cannot see it.
TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, ResourceOnlyIncrement))
