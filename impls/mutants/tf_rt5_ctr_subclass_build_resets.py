"""Keras 3, but the base optimizers.Optimizer that user optimizers subclass (through build/update_step) resets `iterations` to 0 in build() ("fresh optimizer state"), so a count set before the first apply is lost."""
import keras

from impls.mutants._wrapped import counter

KILLED_BY = {"IT-BUILD-KEEPS-COUNT": "fail"}


class Optimizer(keras.optimizers.Optimizer):
    def build(self, variables):
        super().build(variables)
        self._iterations.assign(0)  # the defect


TRAINING_UTIL = {}
api = counter(Optimizer=Optimizer)
