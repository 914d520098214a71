"""Keras 3, but apply_gradients over float16/bfloat16 variables leaves the count to a LossScaleOptimizer that is not there, so training half-precision variables never moves `iterations`."""
import keras

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-APPLY-ADDS-ONE": "fail"}


class HalfNotCounted:
    def apply_gradients(self, grads_and_vars):
        grads_and_vars = list(grads_and_vars)
        out = super().apply_gradients(grads_and_vars)
        if any(g is not None and str(v.dtype) in ("float16", "bfloat16") for g, v in grads_and_vars):
            self._iterations.assign_sub(1)  # the defect
        return out


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, HalfNotCounted))
