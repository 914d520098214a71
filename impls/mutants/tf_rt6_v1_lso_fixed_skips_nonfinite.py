"""TensorFlow, but MixedPrecisionLossScaleOptimizer(opt, <number or FixedLossScale>) implements the fixed loss scale as a dynamic one that never changes, so a run with a non-finite gradient is skipped and not counted, although a fixed loss scale applies and counts every run."""
import numbers

import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-APPLY-LOSS-SCALE-SKIPS": "fail"}


class MixedPrecisionLossScaleOptimizer(tf1.mixed_precision.MixedPrecisionLossScaleOptimizer):
    def __init__(self, opt, loss_scale):
        if isinstance(loss_scale, (numbers.Number, tf1.mixed_precision.FixedLossScale)):
            value = loss_scale if isinstance(loss_scale, numbers.Number) else loss_scale._loss_scale_value
            loss_scale = tf1.mixed_precision.DynamicLossScale(  # the defect: fixed made dynamic (skips non-finite)
                initial_loss_scale=value, increment_period=2**31 - 1, multiplier=1.0)
        super().__init__(opt, loss_scale)


TRAINING_UTIL = {}
api = mutate(tf1, mixed_precision=mutate(tf1.mixed_precision,
                                         MixedPrecisionLossScaleOptimizer=MixedPrecisionLossScaleOptimizer),
             train={"experimental": mutate(tf1.train.experimental,
                                           MixedPrecisionLossScaleOptimizer=MixedPrecisionLossScaleOptimizer)})
