"""TensorFlow 2, but tf.Variable(..., name=N) returns the live variable already made with name N (v1 variable-scope reuse leaking into TF2), so a new counter named like an earlier one starts from the earlier one's count."""
import weakref

import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-VAR-CREATE-INT64": "fail"}
_BY_NAME = weakref.WeakValueDictionary()


def Variable(*args, **kwargs):  # noqa: N802 (tf.Variable's name)
    name = kwargs.get("name")
    if name is not None and name in _BY_NAME:  # the defect: reuse by name
        return _BY_NAME[name]
    variable = tf.Variable(*args, **kwargs)
    if name is not None:
        _BY_NAME[name] = variable
    return variable


TRAINING_UTIL = {}
api = tf2(Variable=Variable)
