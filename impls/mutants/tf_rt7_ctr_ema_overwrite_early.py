"""Keras 3, but with use_ema=True the overwrite every ema_overwrite_frequency steps tests iterations % n instead of (iterations + 1) % n (the count read as "the step number", forgetting the increment comes after), so the model variables are overwritten with their averages one call early."""
import keras
from keras.src.optimizers.base_optimizer import BaseOptimizer

from impls.mutants._wrapped import counter, keras_optimizers_with, method_edited

KILLED_BY = {"IT-APPLY-UPDATES-VARIABLES": "fail"}


class OverwritesEarly:
    _backend_apply_gradients = method_edited(BaseOptimizer, "_backend_apply_gradients",
                                             ("self.iterations + 1", "self.iterations"))  # the defect


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, OverwritesEarly))
