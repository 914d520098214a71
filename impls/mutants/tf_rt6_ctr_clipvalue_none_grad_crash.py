"""Keras 3, but with clipvalue set the gradients are clipped before the missing (None) ones are filtered out, so a call with one None gradient among real ones raises instead of applying the others and counting 1."""
import keras

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-APPLY-ADDS-ONE": "crash"}


class ClipsBeforeFiltering:
    def apply(self, grads, trainable_variables=None):
        if self.clipvalue is not None:
            grads = [keras.ops.clip(g, -self.clipvalue, self.clipvalue) for g in grads]  # the defect: None too
        return super().apply(grads, trainable_variables)


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, ClipsBeforeFiltering))
