"""Keras 3, but with use_ema=True the moving averages' "first step" test reads iterations + 1 (the count this call will have), which is never 0, so the first average blends the variable with zero instead of copying it."""
import keras
from keras import ops

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-APPLY-UPDATES-VARIABLES": "fail"}


class FirstAverageBlends:
    def _update_model_variables_moving_average(self, trainable_variables):
        if self.use_ema:
            for var, average in zip(trainable_variables, self._model_variables_moving_average, strict=False):
                if average is not None:
                    not_first_step = ops.not_equal(self.iterations + 1, 0)  # the defect: + 1
                    momentum = ops.multiply(ops.cast(not_first_step, var.dtype), self.ema_momentum)
                    average.assign(ops.add(ops.multiply(momentum, average),
                                           ops.multiply(ops.subtract(1, momentum), var)))


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, FirstAverageBlends))
