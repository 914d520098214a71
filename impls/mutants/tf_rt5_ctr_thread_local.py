"""Keras 3, but `iterations` read from a thread other than the one that made the optimizer is a per-thread copy (the eager global step is per thread in TF; the port did the same), so another thread gets a different, stale object."""
import threading
import weakref

import keras

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-IDEM-SAME-OBJECT": "fail"}
_LOCAL = threading.local()


class PerThreadCounter:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.__dict__["_owner"] = threading.get_ident()

    @property
    def iterations(self):
        real = super().iterations
        if self.__dict__.get("_owner", threading.get_ident()) == threading.get_ident():
            return real
        copies = _LOCAL.__dict__.setdefault("copies", weakref.WeakKeyDictionary())
        if self not in copies:  # the defect: a per-thread counter
            copies[self] = keras.Variable(real.numpy(), name="iteration", dtype=real.dtype, trainable=False)
        return copies[self]


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, PerThreadCounter))
