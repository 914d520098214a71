"""TensorFlow 2, but tf.Variable calls a callable initial_value itself and passes the result on without dtype= ("the value carries its dtype"), so tf.Variable(lambda: 0, dtype=tf.int64) is an int32 counter."""
import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-VAR-CREATE-INT64": "fail"}


def Variable(initial_value=None, trainable=None, validate_shape=True, caching_device=None, name=None,  # noqa: N802
             variable_def=None, dtype=None, *args, **kwargs):
    if callable(initial_value):
        initial_value, dtype = initial_value(), None  # the defect
    return tf.Variable(initial_value, trainable, validate_shape, caching_device, name, variable_def, dtype,
                       *args, **kwargs)


TRAINING_UTIL = {}
api = tf2(Variable=Variable)
