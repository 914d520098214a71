"""Keras 3, but gradient_accumulation_steps is validated with `is not None and < 2`, so gradient_accumulation_steps=0 (which Keras, testing it by truthiness, reads as "no accumulation") is refused with ValueError."""
import inspect

import keras

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-APPLY-ADDS-ONE": "crash"}


class RefusesZeroSteps:
    def __init__(self, *args, **kwargs):
        steps = inspect.signature(super().__init__).bind(*args, **kwargs).arguments.get("gradient_accumulation_steps")
        if steps is not None and steps < 2:  # the defect
            raise ValueError(f"`gradient_accumulation_steps` must be an integer >= 2. Received: {steps}")
        super().__init__(*args, **kwargs)


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, RefusesZeroSteps))
