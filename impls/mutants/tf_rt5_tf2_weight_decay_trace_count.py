"""TensorFlow 2, but a keras.optimizers.<Name>(weight_decay=...) inside a tf.function counts the step in an init_scope (eagerly, at trace time) instead of in the graph, so iterations moves once per trace, not once per call."""
import tensorflow as tf

from impls.mutants._wrapped import keras_optimizers_with, tf2

KILLED_BY = {"TF2-ITERATIONS-IN-FUNCTION": "fail"}


class CountsPerTrace:
    def apply_gradients(self, grads_and_vars):
        out = super().apply_gradients(grads_and_vars)
        if self.weight_decay is not None and tf.inside_function():
            self._iterations.assign_sub(1)  # the defect: the in-graph count becomes a trace-time one
            with tf.init_scope():
                self._iterations.assign_add(1)
        return out


TRAINING_UTIL = {}
api = tf2(optimizers=keras_optimizers_with(tf.keras.optimizers, CountsPerTrace))
