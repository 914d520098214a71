"""Keras 3, but LossScaleOptimizer.load_own_variables restores only its own loss-scale variables and leaves the inner optimizer's, iterations included, to an inner load that nobody calls, so a restored LossScaleOptimizer counts from 0."""
import keras

from impls.mutants._wrapped import counter, subclass

KILLED_BY = {"IT-CHECKPOINT-RESTORES": "fail"}


class LoadsOwnOnly:
    def load_own_variables(self, store):
        if len(store.keys()) != len(self.variables):
            return super().load_own_variables(store)
        for i, variable in enumerate(self._variables):  # the defect: its own variables, not the inner ones
            variable.assign(store[str(i)])


TRAINING_UTIL = {}
api = counter(LossScaleOptimizer=subclass(keras.optimizers.LossScaleOptimizer, LoadsOwnOnly))
