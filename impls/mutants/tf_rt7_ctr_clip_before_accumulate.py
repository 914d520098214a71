"""Keras 3, but with gradient_accumulation_steps=n and a clipping option each incoming gradient is clipped as it arrives, before it is accumulated, where Keras clips the mean of the accumulated gradients on the update call."""
import keras
from keras.src.optimizers.base_optimizer import BaseOptimizer

from impls.mutants._wrapped import counter, keras_optimizers_with, method_edited

KILLED_BY = {"IT-APPLY-UPDATES-VARIABLES": "fail"}


class ClipsBeforeAccumulating:
    _backend_apply_gradients = method_edited(  # the defect: the clipping moved before the accumulation
        BaseOptimizer, "_backend_apply_gradients",
        ("    if self.gradient_accumulation_steps:\n",
         "    if self.gradient_accumulation_steps:\n        grads = self._clip_gradients(grads)\n"),
        ("            grads = self._clip_gradients(grads)\n            self._apply_weight_decay",
         "            self._apply_weight_decay"))


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, ClipsBeforeAccumulating))
