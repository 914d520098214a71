"""Keras 3, but an optimizer made with loss_scale_factor=... does not count a call with a non-finite gradient (dynamic loss scaling's skip rule applied to the static factor), so inf/nan gradients leave `iterations` unchanged."""
import keras
from keras import ops

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-APPLY-ADDS-ONE": "fail"}


class NonFiniteNotCounted:
    def apply_gradients(self, grads_and_vars):
        grads_and_vars = list(grads_and_vars)
        out = super().apply_gradients(grads_and_vars)
        grads = [g for g, _ in grads_and_vars if g is not None]
        if self.loss_scale_factor is not None and grads:
            finite = ops.all(ops.stack([ops.all(ops.isfinite(ops.convert_to_tensor(g))) for g in grads]))
            self._iterations.assign_sub(ops.cast(ops.logical_not(finite), self._iterations.dtype))  # the defect
        return out


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, NonFiniteNotCounted))
