"""`Variable` wraps a tensor initial value in a list (as if it were a batch of one), so a counter made from tf.constant(0, dtype=tf.int64) has shape (1,), not a scalar."""
import numpy as np

from impls.mutants import tf2_edited

KILLED_BY = {"TF2-VAR-CREATE-AT-ZERO": "fail"}


def __init__(self, initializer, dtype=None, trainable=True, name=None):  # noqa: N807 (the method it replaces)
    if isinstance(initializer, Tensor):
        initializer = np.asarray([initializer.numpy()])
    keras.Variable.__init__(self, np.asarray(initializer), dtype=dtype, trainable=trainable, name=name)


api = tf2_edited(__init__, method_of="Variable")
