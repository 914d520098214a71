"""TensorFlow 2, but tf.train.CheckpointManager.save(check_interval=False) skips every check, also the one that refuses a second save at the same count, so two saves at one step write two checkpoints."""
import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-CHECKPOINT-MANAGER-INTERVAL": "fail"}


class CheckpointManager(tf.train.CheckpointManager):
    def save(self, checkpoint_number=None, check_interval=True, options=None):
        if not check_interval:
            self._last_checkpoint_step = None  # the defect: forget the last save's count too
        return super().save(checkpoint_number=checkpoint_number, check_interval=check_interval, options=options)


TRAINING_UTIL = {}
api = tf2(train={"CheckpointManager": CheckpointManager})
