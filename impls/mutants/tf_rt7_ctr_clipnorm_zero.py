"""Keras 3, but the clipping options are tested with `is not None` instead of Keras's `if self.clipnorm and self.clipnorm > 0`, so clipnorm=0 / global_clipnorm=0 / clipvalue=0 (which Keras reads as "off") clip every gradient to 0."""
import keras
from keras.src.optimizers.base_optimizer import BaseOptimizer

from impls.mutants._wrapped import counter, keras_optimizers_with, method_edited

KILLED_BY = {"IT-APPLY-UPDATES-VARIABLES": "fail"}


class ZeroClips:
    _clip_gradients = method_edited(  # the defect
        BaseOptimizer, "_clip_gradients",
        ("if self.clipnorm and self.clipnorm > 0:", "if self.clipnorm is not None:"),
        ("elif self.global_clipnorm and self.global_clipnorm > 0:", "elif self.global_clipnorm is not None:"),
        ("elif self.clipvalue and self.clipvalue > 0:", "elif self.clipvalue is not None:"))


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, ZeroClips))
