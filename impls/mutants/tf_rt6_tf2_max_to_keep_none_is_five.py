"""TensorFlow 2, but tf.train.CheckpointManager(max_to_keep=None) falls back to the tf.compat.v1 Saver default of 5 instead of keeping every checkpoint."""
import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-CHECKPOINT-MANAGER-INTERVAL": "fail"}


class CheckpointManager(tf.train.CheckpointManager):
    def __init__(self, checkpoint, directory, max_to_keep, *args, **kwargs):
        if max_to_keep is None:
            max_to_keep = 5  # the defect
        super().__init__(checkpoint, directory, max_to_keep, *args, **kwargs)


TRAINING_UTIL = {}
api = tf2(train={"CheckpointManager": CheckpointManager})
