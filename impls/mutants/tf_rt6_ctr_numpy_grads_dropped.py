"""Keras 3, but gradients are filtered with ops.is_tensor, so numpy gradients (np.ndarray, numpy scalars) are treated as missing: a call whose gradients are all numpy raises and does not count."""
import keras

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-APPLY-ADDS-ONE": "crash"}


class NumpyGradientsMissing:
    def apply(self, grads, trainable_variables=None):
        grads = [g if g is None or keras.ops.is_tensor(g) or isinstance(g, keras.Variable) else None  # the defect
                 for g in grads]
        return super().apply(grads, trainable_variables)


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, NumpyGradientsMissing))
