"""Keras 3, but LossScaleOptimizer compares its finite-step counter with dynamic_growth_steps instead of dynamic_growth_steps - 1 (the counter's value before this step's increment), so the scale grows one finite step late and that step's gradients are unscaled by the old scale."""
import keras

from impls.mutants._wrapped import counter, method_edited, subclass

KILLED_BY = {"IT-APPLY-UPDATES-VARIABLES": "fail"}


class GrowsLate:
    _stateful_handle_finite_grads = method_edited(  # the defect
        keras.optimizers.LossScaleOptimizer, "_stateful_handle_finite_grads",
        ("self.dynamic_growth_steps - 1", "self.dynamic_growth_steps"))


TRAINING_UTIL = {}
api = counter(LossScaleOptimizer=subclass(keras.optimizers.LossScaleOptimizer, GrowsLate))
