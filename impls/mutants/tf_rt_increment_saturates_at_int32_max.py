"""TensorFlow, but the step increment is a 'safe increment' (as optax and Keras-int32 counters do) that stops at the int32 maximum, whatever the step's dtype: an int64 step never passes 2**31 - 1."""
import tensorflow.compat.v1 as tf1
from tensorflow.python.framework import ops

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}

_INT32_MAX = 2**31 - 1


class SaturatingIncrement:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        update = super().apply_gradients(grads_and_vars, name=name, **kwargs)
        if global_step is None:
            return update
        with ops.control_dependencies([update]), ops.colocate_with(global_step):
            dtype = global_step.dtype.base_dtype
            below = tf1.cast(tf1.cast(global_step, tf1.int64) < _INT32_MAX, dtype)
            increment = tf1.assign_add(global_step, below).op
        train_ops = tf1.get_collection_ref(tf1.GraphKeys.TRAIN_OP)
        if update in train_ops:
            train_ops.remove(update)
        train_ops.append(increment)
        return increment


#: No training_util function changes, so TensorFlow's own training_util_test cannot see it.
TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, SaturatingIncrement))
