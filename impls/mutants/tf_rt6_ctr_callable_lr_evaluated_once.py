"""Keras 3, but a callable learning_rate (no arguments, as Keras documents) is called once in the constructor and frozen to a float, instead of being called at every apply."""
import inspect

import keras

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-APPLY-UPDATES-VARIABLES": "fail"}


class CallableRateFrozen:
    def __init__(self, *args, **kwargs):
        bound = inspect.signature(super().__init__).bind(*args, **kwargs)
        rate = bound.arguments.get("learning_rate")
        if callable(rate) and not isinstance(rate, keras.optimizers.schedules.LearningRateSchedule):
            bound.arguments["learning_rate"] = float(keras.ops.convert_to_numpy(rate()))  # the defect
        super().__init__(*bound.args, **bound.kwargs)


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, CallableRateFrozen))
