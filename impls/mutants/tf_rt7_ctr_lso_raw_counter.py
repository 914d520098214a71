"""Keras 3, but LossScaleOptimizer.iterations returns the inner optimizer's raw counter variable (inner._iterations, "the same object every time") instead of inner.iterations, so around an optimizer with gradient_accumulation_steps=n it reads the calls, not the updates."""
import keras

from impls.mutants._wrapped import counter, subclass

KILLED_BY = {"IT-ACCUMULATION-COUNTS-UPDATES": "fail"}


class RawCounter:
    @property
    def iterations(self):
        return self.inner_optimizer._iterations  # the defect


TRAINING_UTIL = {}
api = counter(LossScaleOptimizer=subclass(keras.optimizers.LossScaleOptimizer, RawCounter))
