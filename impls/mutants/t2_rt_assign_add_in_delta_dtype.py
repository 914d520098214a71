"""`Variable.assign_add` casts the variable to the delta's dtype to make the add type-check, and a Python int delta converts as tf.constant(1) does, to int32: an int64 counter keeps its dtype but `assign_add(1)` at 2**31 - 1 wraps to -2**31 (a tf.int64 delta is right)."""
import numpy as np

from impls.mutants import tf2_edited

KILLED_BY = {"TF2-VAR-CREATE-INT64": "fail"}


def assign_add(self, delta):
    delta = _tensor(delta)  # a Python int becomes an int32 tensor, like tf.constant(1)
    with np.errstate(all="ignore"):
        total = self.numpy().astype(delta.dtype) + delta.numpy()
    return self.assign(total)


api = tf2_edited(assign_add, method_of="Variable")
