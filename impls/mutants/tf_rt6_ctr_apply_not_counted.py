"""Keras 3, but the increment lives in apply_gradients instead of apply, so optimizer.apply(grads, variables), the other public entry point, updates the variables without counting."""
import keras

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-APPLY-ADDS-ONE": "fail"}


class ApplyNotCounted:
    def apply_gradients(self, grads_and_vars):
        self.__dict__["_counting"] = True
        try:
            return super().apply_gradients(grads_and_vars)
        finally:
            self.__dict__["_counting"] = False

    def apply(self, grads, trainable_variables=None):
        if self.__dict__.get("_counting"):
            return super().apply(grads, trainable_variables)
        before = self.iterations.numpy()
        out = super().apply(grads, trainable_variables)
        self.iterations.assign(before)  # the defect: apply() alone does not count
        return out


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, ApplyNotCounted))
