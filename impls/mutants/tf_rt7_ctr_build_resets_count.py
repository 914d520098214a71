"""Keras 3, but the built-in optimizers' build() "initialises the optimizer's state", iterations.assign(0) included, so a count set or loaded before the first apply (a checkpoint restored before build) is wiped by it."""
import keras

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-BUILD-KEEPS-COUNT": "fail", "IT-CHECKPOINT-RESTORES": "fail"}


class BuildResetsCount:
    def build(self, variables):
        self._iterations.assign(0)  # the defect
        super().build(variables)


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, BuildResetsCount))
