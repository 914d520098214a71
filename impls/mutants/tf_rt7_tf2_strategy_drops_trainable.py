"""TensorFlow 2, but inside a tf.distribute strategy's scope tf.Variable rebuilds its arguments for the strategy's creator without trainable=, so a counter made with trainable=False in OneDeviceStrategy/MirroredStrategy.scope() is trainable."""
import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-STRATEGY-COUNTS-ONCE": "fail"}


def Variable(initial_value=None, trainable=None, *args, **kwargs):  # noqa: N802 (tf.Variable's name)
    if tf.distribute.has_strategy():
        trainable = None  # the defect
    return tf.Variable(initial_value, trainable, *args, **kwargs)


TRAINING_UTIL = {}
api = tf2(Variable=Variable)
