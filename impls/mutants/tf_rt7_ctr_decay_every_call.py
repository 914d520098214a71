"""Keras 3, but with gradient_accumulation_steps=n and weight_decay the weight decay is applied at the top of every apply, before the accumulate-or-update branch, so the variables also shrink on the n - 1 calls that only accumulate."""
import keras
from keras.src.optimizers.base_optimizer import BaseOptimizer

from impls.mutants._wrapped import counter, keras_optimizers_with, method_edited

KILLED_BY = {"IT-ACCUMULATION-COUNTS-UPDATES": "fail"}


class DecaysEveryCall:
    _backend_apply_gradients = method_edited(  # the defect: the decay moved out of the update step
        BaseOptimizer, "_backend_apply_gradients",
        ("    if self.gradient_accumulation_steps:\n",
         "    if self.gradient_accumulation_steps:\n        self._apply_weight_decay(trainable_variables)\n"),
        ("grads = self._clip_gradients(grads)\n            self._apply_weight_decay(trainable_variables)\n",
         "grads = self._clip_gradients(grads)\n"))


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, DecaysEveryCall))
