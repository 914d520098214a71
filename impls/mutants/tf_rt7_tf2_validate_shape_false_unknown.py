"""TensorFlow 2, but tf.Variable(..., validate_shape=False) is given shape=tf.TensorShape(None) (TF 1's "the shape may change"), so the counter accepts an assign of another shape where TF 2 keeps its shape and raises ValueError."""
import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-VAR-SHAPE": "fail"}


def Variable(initial_value=None, trainable=None, validate_shape=True, *args, shape=None, **kwargs):  # noqa: N802
    if validate_shape is False and shape is None:
        shape = tf.TensorShape(None)  # the defect
    return tf.Variable(initial_value, trainable, validate_shape, *args, shape=shape, **kwargs)


TRAINING_UTIL = {}
api = tf2(Variable=Variable)
