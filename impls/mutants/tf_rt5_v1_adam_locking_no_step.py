"""TensorFlow, but AdamOptimizer(use_locking=True) builds its locked update path without the global_step increment, so its train op never counts."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class AdamOptimizer(tf1.train.AdamOptimizer):
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        if self._use_locking:
            global_step = None  # the defect
        return super().apply_gradients(grads_and_vars, global_step, name, **kwargs)


TRAINING_UTIL = {}
api = mutate(tf1, train={"AdamOptimizer": AdamOptimizer})
