"""TensorFlow 2, but tf.train.CheckpointManager.latest_checkpoint picks the largest of its checkpoint paths as strings, so after ckpt-10 it still names ckpt-9 and restoring "the latest" brings back an older count."""
import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-CHECKPOINT-RESTORES": "fail"}


class CheckpointManager(tf.train.CheckpointManager):
    @property
    def latest_checkpoint(self):
        if self.__dict__.get("_recording"):  # the state file keeps the true latest
            return self._latest_checkpoint
        return max(self.checkpoints) if self.checkpoints else None  # the defect: string order

    def _record_state(self):
        self._recording = True
        try:
            return super()._record_state()
        finally:
            self._recording = False


TRAINING_UTIL = {}
api = tf2(train={"CheckpointManager": CheckpointManager})
