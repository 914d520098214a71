"""TensorFlow, but RMSPropOptimizer (only) builds its updates and then returns a bare step increment without the control dependency on them, so with global_step its train op counts but never trains."""
import tensorflow.compat.v1 as tf1
from tensorflow.python.framework import ops

from impls.mutants import mutate

KILLED_BY = {"GS-APPLY-UPDATES-VARIABLES": "fail"}


class RMSPropOptimizer(tf1.train.RMSPropOptimizer):
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        update = super().apply_gradients(grads_and_vars, name=name, **kwargs)
        if global_step is None:
            return update
        train_ops = tf1.get_collection_ref(tf1.GraphKeys.TRAIN_OP)
        with ops.colocate_with(global_step):
            increment = tf1.assign_add(global_step, tf1.constant(1, global_step.dtype.base_dtype)).op
        # meant: with tf1.control_dependencies([update]) around the increment
        if update in train_ops:
            train_ops.remove(update)
        train_ops.append(increment)
        return increment


#: No training_util function changes, so TensorFlow's own training_util_test cannot see it.
TRAINING_UTIL = {}
api = mutate(tf1, train={"RMSPropOptimizer": RMSPropOptimizer})
