"""TensorFlow 2, but tf.Variable(0, dtype=tf.int64, aggregation=...) takes a distribution-aware path that re-creates the variable from initial_value alone and drops dtype=, so the counter is int32 and wraps at 2**31."""
import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-VAR-CREATE-INT64": "fail"}


def Variable(*args, **kwargs):  # noqa: N802 (tf.Variable's name)
    if kwargs.get("aggregation") not in (None, tf.VariableAggregation.NONE):
        kwargs.pop("dtype", None)  # the defect
    return tf.Variable(*args, **kwargs)


TRAINING_UTIL = {}
api = tf2(Variable=Variable)
