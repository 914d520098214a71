"""Keras 3, but with global_clipnorm=... a call whose gradients have global norm 0 is treated as "nothing to apply" and not counted, so all-zero gradients leave `iterations` unchanged."""
import keras
from keras import ops

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-APPLY-ADDS-ONE": "fail"}


class ZeroNormNotCounted:
    def apply_gradients(self, grads_and_vars):
        grads_and_vars = list(grads_and_vars)
        out = super().apply_gradients(grads_and_vars)
        grads = [g for g, _ in grads_and_vars if g is not None]
        if self.global_clipnorm and grads:
            norm = sum(ops.sum(ops.square(ops.cast(ops.convert_to_tensor(g), "float32"))) for g in grads)
            self._iterations.assign_sub(ops.cast(ops.equal(norm, 0.0), self._iterations.dtype))  # the defect
        return out


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, ZeroNormNotCounted))
