"""Keras 3, but with use_ema=True and gradient_accumulation_steps=n the moving averages are updated only on the update calls ("the variables did not move"), where Keras updates them on every call."""
import keras
from keras import ops

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-APPLY-UPDATES-VARIABLES": "fail"}


class AveragesOnUpdatesOnly:
    def _update_model_variables_moving_average(self, trainable_variables):
        if not self.gradient_accumulation_steps:
            return super()._update_model_variables_moving_average(trainable_variables)
        update = super()._update_model_variables_moving_average
        ops.cond((self._iterations + 1) % self.gradient_accumulation_steps == 0,  # the defect
                 lambda: update(trainable_variables), lambda: None)
        return None


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, AveragesOnUpdatesOnly))
