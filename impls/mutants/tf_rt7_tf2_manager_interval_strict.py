"""TensorFlow 2, but tf.train.CheckpointManager(checkpoint_interval=n) saves only when the counter moved MORE than n since the last save (its docstring's "larger than checkpoint_interval" coded literally), so a save exactly n steps later is skipped."""
import tensorflow as tf
from tensorflow.python.checkpoint.checkpoint_management import _evaluate

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-CHECKPOINT-MANAGER-INTERVAL": "fail"}


class CheckpointManager(tf.train.CheckpointManager):
    def save(self, checkpoint_number=None, check_interval=True, options=None):
        if (self._checkpoint_interval is not None and check_interval and self._last_checkpoint_step is not None
                and _evaluate(self._step_counter) == self._last_checkpoint_step + self._checkpoint_interval):
            return None  # the defect: <= instead of <
        return super().save(checkpoint_number=checkpoint_number, check_interval=check_interval, options=options)


TRAINING_UTIL = {}
api = tf2(train={"CheckpointManager": CheckpointManager})
