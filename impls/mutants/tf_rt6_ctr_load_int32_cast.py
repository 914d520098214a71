"""Keras 3, but load_own_variables normalises integer entries of the store to the C int (np.intc, int32), so a saved count of 2**31 or more wraps when it is loaded."""
import keras
import numpy as np

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-CHECKPOINT-RESTORES": "fail"}


class LoadsInt32:
    def load_own_variables(self, store):
        normalised = {}
        for key in store.keys():  # noqa: SIM118 (a Keras store is not always a dict)
            value = np.asarray(store[key])
            normalised[key] = value.astype(np.intc) if np.issubdtype(value.dtype, np.integer) else value  # the defect
        return super().load_own_variables(normalised)


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, LoadsInt32))
