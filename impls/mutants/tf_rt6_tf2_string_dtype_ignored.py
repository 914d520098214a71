"""TensorFlow 2, but tf.Variable maps dtype through a table keyed by DType objects, so a dtype given as a string (dtype='int64') misses it and falls back to inference: tf.Variable(0, dtype='int64') is int32."""
import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-VAR-CREATE-INT64": "fail"}
_KNOWN = {d: d for d in (tf.int8, tf.int16, tf.int32, tf.int64, tf.uint8, tf.float16, tf.bfloat16, tf.float32,
                         tf.float64, tf.bool, tf.string, tf.complex64, tf.complex128)}


def Variable(initial_value=None, trainable=None, validate_shape=True, caching_device=None, name=None,  # noqa: N802
             variable_def=None, dtype=None, *args, **kwargs):
    if dtype is not None:
        dtype = _KNOWN.get(dtype)  # the defect: a string is not a key
    return tf.Variable(initial_value, trainable, validate_shape, caching_device, name, variable_def, dtype,
                       *args, **kwargs)


TRAINING_UTIL = {}
api = tf2(Variable=Variable)
