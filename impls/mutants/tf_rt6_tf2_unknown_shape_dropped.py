"""TensorFlow 2, but tf.Variable normalises shape=tf.TensorShape(None) ("no shape constraint") to shape=None, so the variable takes its initial value's shape and a later assign of another shape raises ValueError."""
import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-VAR-SHAPE": "crash"}


def Variable(*args, **kwargs):  # noqa: N802 (tf.Variable's name)
    shape = kwargs.get("shape")
    if shape is not None and tf.TensorShape(shape).rank is None:
        kwargs["shape"] = None  # the defect
    return tf.Variable(*args, **kwargs)


TRAINING_UTIL = {}
api = tf2(Variable=Variable)
