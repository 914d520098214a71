"""TensorFlow 2, but tf.keras optimizers keep a Python count of their applies and write it into `iterations` after each one, so in a tf.function the count written is the one of the trace and every call of the traced step writes the same constant."""
import tensorflow as tf

from impls.mutants._wrapped import keras_optimizers_with, tf2

KILLED_BY = {"TF2-ITERATIONS-IN-FUNCTION": "fail"}


class MirrorsPythonCount:
    def apply(self, grads, trainable_variables=None):
        out = super().apply(grads, trainable_variables)
        if len(grads):
            self.__dict__["_count"] = self.__dict__.get("_count", 0) + 1
            self._iterations.assign(self.__dict__["_count"])  # the defect: a Python int, a constant when traced
        return out


TRAINING_UTIL = {}
api = tf2(optimizers=keras_optimizers_with(tf.keras.optimizers, MirrorsPythonCount))
