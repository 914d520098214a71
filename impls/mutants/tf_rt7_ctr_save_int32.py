"""Keras 3, but save_own_variables stores integer variables as int32 (astype('int32'), for a store format whose integers are 32-bit), so a count past 2**31 - 1 wraps when it is saved."""
import keras
import numpy as np

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-CHECKPOINT-RESTORES": "fail"}


class SavesInt32:
    def save_own_variables(self, store):
        for i, variable in enumerate(self.variables):
            value = np.asarray(variable.numpy())
            store[str(i)] = value.astype(np.int32) if np.issubdtype(value.dtype, np.integer) else value  # the defect


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, SavesInt32))
