"""Keras 3, but with clipnorm=... apply_gradients clips and applies variable by variable and each per-variable apply counts, so one call over k variables adds k to `iterations`."""
import keras

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-APPLY-ADDS-ONE": "fail"}


class CountsPerClippedVariable:
    def apply_gradients(self, grads_and_vars):
        grads_and_vars = list(grads_and_vars)
        out = super().apply_gradients(grads_and_vars)
        applied = sum(g is not None for g, _ in grads_and_vars)
        if self.clipnorm and applied > 1:
            self._iterations.assign_add(applied - 1)  # the defect: one count per clipped variable
        return out


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, CountsPerClippedVariable))
