"""TensorFlow, but MomentumOptimizer(use_nesterov=True) applies its look-ahead as a second apply that also carries global_step, so each run of its train op adds 2."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class MomentumOptimizer(tf1.train.MomentumOptimizer):
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        op = super().apply_gradients(grads_and_vars, global_step, name, **kwargs)
        if global_step is None or not self._use_nesterov:
            return op
        with tf1.control_dependencies([op]), tf1.colocate_with(global_step):  # the defect: a second count
            return global_step.assign_add(tf1.constant(1, dtype=global_step.dtype.base_dtype)).op


TRAINING_UTIL = {}
api = mutate(tf1, train={"MomentumOptimizer": MomentumOptimizer})
