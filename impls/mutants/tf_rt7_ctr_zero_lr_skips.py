"""Keras 3, but an optimizer made with learning_rate=0 returns early from apply ("nothing would change"), skipping the iterations.assign_add(1) at its end, so its applies are not counted."""
import inspect
import numbers

import keras

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-APPLY-ADDS-ONE": "fail"}


class ZeroRateSkips:
    def __init__(self, *args, **kwargs):
        bound = inspect.signature(super().__init__).bind(*args, **kwargs)
        bound.apply_defaults()
        super().__init__(*args, **kwargs)
        rate = bound.arguments.get("learning_rate")
        self.__dict__["_zero_rate"] = isinstance(rate, numbers.Number) and rate == 0

    def apply(self, grads, trainable_variables=None):
        if self.__dict__.get("_zero_rate"):
            return None  # the defect: the count goes with the update
        return super().apply(grads, trainable_variables)


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, ZeroRateSkips))
