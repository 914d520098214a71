"""TensorFlow, but MixedPrecisionLossScaleOptimizer(opt, DynamicLossScale(...)) rebuilds the user's loss scale as DynamicLossScale() with the defaults (initial 2**15, increment_period 2000, multiplier 2), so the user's initial scale and increment period are dropped."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-APPLY-LOSS-SCALE-SKIPS": "fail"}


class MixedPrecisionLossScaleOptimizer(tf1.mixed_precision.MixedPrecisionLossScaleOptimizer):
    def __init__(self, opt, loss_scale):
        if isinstance(loss_scale, tf1.mixed_precision.DynamicLossScale):
            loss_scale = tf1.mixed_precision.DynamicLossScale()  # the defect: "dynamic" whatever its settings
        super().__init__(opt, loss_scale)


TRAINING_UTIL = {}
api = mutate(tf1, mixed_precision=mutate(tf1.mixed_precision,
                                         MixedPrecisionLossScaleOptimizer=MixedPrecisionLossScaleOptimizer),
             train={"experimental": mutate(tf1.train.experimental,
                                           MixedPrecisionLossScaleOptimizer=MixedPrecisionLossScaleOptimizer)})
