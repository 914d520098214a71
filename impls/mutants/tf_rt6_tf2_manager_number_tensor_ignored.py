"""TensorFlow 2, but tf.train.CheckpointManager.save(checkpoint_number=n) honours only a Python int: a tf.Variable or tensor (typically the step counter itself) is ignored and the save is numbered by the checkpoint's save_counter."""
import numbers

import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-CHECKPOINT-MANAGER-INTERVAL": "fail"}


class CheckpointManager(tf.train.CheckpointManager):
    def save(self, checkpoint_number=None, check_interval=True, options=None):
        if not isinstance(checkpoint_number, numbers.Integral):
            checkpoint_number = None  # the defect
        return super().save(checkpoint_number=checkpoint_number, check_interval=check_interval, options=options)


TRAINING_UTIL = {}
api = tf2(train={"CheckpointManager": CheckpointManager})
