"""TensorFlow, but the dynamic loss scale of MixedPrecisionLossScaleOptimizer makes its own variables (current_loss_scale, good_steps) with the Variable default trainable=True, so they land in TRAINABLE_VARIABLES and a minimize without var_list trains the loss scale."""
import tensorflow.compat.v1 as tf1
from tensorflow.python.training.experimental import loss_scale

from impls.mutants import mutate

KILLED_BY = {"GS-APPLY-LOSS-SCALE-SKIPS": "fail"}


def _trainable(next_creator, **kwargs):
    kwargs["trainable"] = True  # the defect: trainable=False forgotten
    return next_creator(**kwargs)


class DynamicLossScale(loss_scale.DynamicLossScale):
    def _add_weight(self, name, initial_value, dtype=None):
        with tf1.variable_creator_scope(_trainable):
            return super()._add_weight(name, initial_value, dtype)


class MixedPrecisionLossScaleOptimizer(tf1.mixed_precision.MixedPrecisionLossScaleOptimizer):
    def __init__(self, opt, loss_scale):
        if loss_scale == "dynamic":
            loss_scale = DynamicLossScale()
        elif isinstance(loss_scale, tf1.mixed_precision.DynamicLossScale):
            loss_scale = DynamicLossScale(loss_scale.initial_loss_scale, loss_scale.increment_period,
                                          loss_scale.multiplier)
        super().__init__(opt, loss_scale)


TRAINING_UTIL = {}
api = mutate(tf1, mixed_precision=mutate(tf1.mixed_precision,
                                         MixedPrecisionLossScaleOptimizer=MixedPrecisionLossScaleOptimizer),
             train={"experimental": mutate(tf1.train.experimental,
                                           MixedPrecisionLossScaleOptimizer=MixedPrecisionLossScaleOptimizer)})
