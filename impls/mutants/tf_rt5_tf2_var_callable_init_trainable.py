"""TensorFlow 2, but tf.Variable with a callable initial_value (lambda: tf.zeros([], tf.int64)) goes through a deferred-initialisation path that drops trainable=, so the counter is trainable and a GradientTape watches it."""
import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-VAR-CREATE-NOT-TRAINABLE": "fail"}


def Variable(initial_value=None, trainable=None, *args, **kwargs):  # noqa: N802 (tf.Variable's name)
    if callable(initial_value):
        trainable = None  # the defect: the deferred path forgets trainable
    return tf.Variable(initial_value, trainable, *args, **kwargs)


TRAINING_UTIL = {}
api = tf2(Variable=Variable)
