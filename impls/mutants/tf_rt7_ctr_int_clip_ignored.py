"""Keras 3, but the clipping options are validated with isinstance(value, float), so clipnorm / global_clipnorm / clipvalue given as a Python int (clipnorm=1, as users often write) are ignored and nothing is clipped."""
import keras
from keras.src.optimizers.base_optimizer import BaseOptimizer

from impls.mutants._wrapped import counter, keras_optimizers_with, method_edited

KILLED_BY = {"IT-APPLY-UPDATES-VARIABLES": "fail"}


class IntClipIgnored:
    _clip_gradients = method_edited(  # the defect
        BaseOptimizer, "_clip_gradients",
        ("if self.clipnorm and", "if isinstance(self.clipnorm, float) and"),
        ("elif self.global_clipnorm and", "elif isinstance(self.global_clipnorm, float) and"),
        ("elif self.clipvalue and", "elif isinstance(self.clipvalue, float) and"))


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, IntClipIgnored))
