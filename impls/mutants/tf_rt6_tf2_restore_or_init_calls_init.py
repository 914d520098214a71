"""TensorFlow 2, but tf.train.CheckpointManager.restore_or_initialize() always runs init_fn first and then restores the latest checkpoint if there is one ("initialize, then overwrite"), so init_fn runs although a checkpoint exists."""
import tensorflow as tf
from tensorflow.python.checkpoint.checkpoint_management import _evaluate

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-CHECKPOINT-MANAGER-INTERVAL": "fail"}


class CheckpointManager(tf.train.CheckpointManager):
    def restore_or_initialize(self):
        if self._init_fn is not None:
            self._init_fn()  # the defect: before looking for a checkpoint
        if self._latest_checkpoint is not None:
            self._checkpoint.restore(self._latest_checkpoint)
            if self._checkpoint_interval is not None:
                self._last_checkpoint_step = _evaluate(self._step_counter)
            return self._latest_checkpoint
        return None


TRAINING_UTIL = {}
api = tf2(train={"CheckpointManager": CheckpointManager})
