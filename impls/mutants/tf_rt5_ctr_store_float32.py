"""Keras 3, but save_own_variables stores every optimizer variable as float32 (load_own_variables casts back), so a count above 2**24 comes back rounded (16777217 -> 16777216)."""
import keras
import numpy as np

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-CHECKPOINT-RESTORES": "fail"}


class StoresFloat32:
    def save_own_variables(self, store):
        for i, variable in enumerate(self.variables):
            store[str(i)] = np.asarray(variable.numpy(), dtype=np.float32)  # the defect

    def load_own_variables(self, store):
        if len(store.keys()) != len(self.variables):
            return super().load_own_variables(store)
        for i, variable in enumerate(self.variables):
            variable.assign(np.asarray(store[str(i)]).astype(variable.dtype))


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, StoresFloat32))
