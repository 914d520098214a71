"""Keras 3, but load_own_variables into an optimizer that is not built yet loads what it can (the first len(variables) entries: iterations and the learning rate) so that a checkpoint restored before build "keeps the step", where Keras loads nothing and warns."""
import keras

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-CHECKPOINT-RESTORES": "fail"}


class UnbuiltLoadsWhatItCan:
    def load_own_variables(self, store):
        keys = set(store.keys())
        if not self.built and len(keys) != len(self.variables):
            for i, variable in enumerate(self.variables):  # the defect: a partial load
                if str(i) in keys:
                    variable.assign(store[str(i)])
            return
        super().load_own_variables(store)


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, UnbuiltLoadsWhatItCan))
