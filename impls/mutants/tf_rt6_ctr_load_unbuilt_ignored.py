"""Keras 3, but load_own_variables on an optimizer that is not built yet warns and loads nothing ("build it first"), where Keras loads the variables it has, iterations among them, when the counts match."""
import warnings

import keras

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-CHECKPOINT-RESTORES": "fail"}


class UnbuiltLoadsNothing:
    def load_own_variables(self, store):
        if not self.built:  # the defect
            warnings.warn(f"optimizer {self.name!r} is not built: build() it before loading its variables",
                          stacklevel=2)
            return
        return super().load_own_variables(store)


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, UnbuiltLoadsNothing))
