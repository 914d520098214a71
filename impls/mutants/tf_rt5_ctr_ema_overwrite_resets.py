"""Keras 3, but with use_ema=True and ema_overwrite_frequency=k the call that overwrites the model variables with their averages also restarts the EMA by resetting `iterations` to 0, so k calls read 0 instead of k."""
import keras
from keras import ops

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-APPLY-ADDS-ONE": "fail", "IT-READ-AS-NUMBER": "fail"}


class OverwriteResetsCount:
    def apply_gradients(self, grads_and_vars):
        out = super().apply_gradients(grads_and_vars)
        if self.use_ema and self.ema_overwrite_frequency:
            count = self._iterations
            overwritten = ops.equal(ops.mod(count, self.ema_overwrite_frequency), 0)
            count.assign(ops.where(overwritten, ops.zeros_like(count), count))  # the defect: restart the count
        return out


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, OverwriteResetsCount))
