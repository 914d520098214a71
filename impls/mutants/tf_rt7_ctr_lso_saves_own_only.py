"""Keras 3, but LossScaleOptimizer.save_own_variables saves only its own variables (the scale and its step counter), leaving the inner optimizer's, iterations included, to an inner save that nobody calls, so loading the store into a new LossScaleOptimizer loads nothing."""
import keras

from impls.mutants._wrapped import counter, subclass

KILLED_BY = {"IT-CHECKPOINT-RESTORES": "fail"}


class SavesOwnOnly:
    def save_own_variables(self, store):
        for i, variable in enumerate(self._variables):  # the defect: its own variables, not the inner ones
            store[str(i)] = variable.numpy()


TRAINING_UTIL = {}
api = counter(LossScaleOptimizer=subclass(keras.optimizers.LossScaleOptimizer, SavesOwnOnly))
