"""Keras 3, but the public keras.optimizers.Optimizer that users subclass does not clip (the built-in optimizers clip in their own update), so a user's optimizer made with clipnorm / clipvalue / global_clipnorm never clips."""
import keras

from impls.mutants._wrapped import counter

KILLED_BY = {"IT-APPLY-UPDATES-VARIABLES": "fail"}


class Optimizer(keras.optimizers.Optimizer):
    def _clip_gradients(self, grads):
        return grads  # the defect


TRAINING_UTIL = {}
api = counter(Optimizer=Optimizer)
