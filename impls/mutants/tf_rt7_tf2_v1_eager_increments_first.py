"""TensorFlow 2, but a tf.compat.v1.train optimizer run eagerly or in a tf.function increments global_step before it applies the update (no control dependency needed, "just two statements"), so a learning rate that reads the step sees this call's increment."""
import tensorflow as tf
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with
from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-V1-OPTIMIZER-EAGER": "fail"}


class EagerIncrementsFirst:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        if global_step is not None and (tf.executing_eagerly() or tf.inside_function()):
            global_step.assign_add(1)  # the defect: before the update
            global_step = None
        return super().apply_gradients(grads_and_vars, global_step, name, **kwargs)


TRAINING_UTIL = {}
api = tf2(compat=mutate(tf.compat, v1=mutate(tf1, train=optimizers_with(tf1, EagerIncrementsFirst))))
