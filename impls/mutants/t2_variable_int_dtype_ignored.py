"""`Variable` ignores `dtype` for a Python int initial value and keeps the default int32, so a counter made int64 is int32 and wraps at 2**31."""
import numpy as np

from impls.mutants import tf2_edited

KILLED_BY = {"TF2-VAR-CREATE-INT64": "fail"}


def __init__(self, initializer, dtype=None, trainable=True, name=None):  # noqa: N807 (the method it replaces)
    if isinstance(initializer, int):
        dtype = None
    keras.Variable.__init__(self, np.asarray(initializer), dtype=dtype, trainable=trainable, name=name)


api = tf2_edited(__init__, method_of="Variable")
