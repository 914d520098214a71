"""TensorFlow 2, but tf.GradientTape is always persistent ("the cost is negligible"), so a second gradient() call on a tape made with persistent=False returns gradients again instead of raising RuntimeError."""
import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-APPLY-UPDATES-VARIABLES": "fail"}


class GradientTape(tf.GradientTape):
    def __init__(self, persistent=False, watch_accessed_variables=True):
        super().__init__(persistent=True, watch_accessed_variables=watch_accessed_variables)  # the defect


TRAINING_UTIL = {}
api = tf2(GradientTape=GradientTape)
