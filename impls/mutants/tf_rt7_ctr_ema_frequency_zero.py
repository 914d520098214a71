"""Keras 3, but ema_overwrite_frequency is tested with `is not None` instead of by truthiness, so with use_ema=True and ema_overwrite_frequency=0 (Keras: "never overwrite") the apply computes (iterations + 1) % 0 and fails."""
import keras
from keras.src.optimizers.base_optimizer import BaseOptimizer

from impls.mutants._wrapped import counter, keras_optimizers_with, method_edited

KILLED_BY = {"IT-APPLY-ADDS-ONE": "crash"}


class ZeroFrequencyDivides:
    _backend_apply_gradients = method_edited(  # the defect
        BaseOptimizer, "_backend_apply_gradients",
        ("if self.ema_overwrite_frequency:", "if self.ema_overwrite_frequency is not None:"))


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, ZeroFrequencyDivides))
