"""TensorFlow 2, but tf.train.CheckpointManager tests checkpoint_interval by truthiness, so checkpoint_interval=0 is taken as None: the interval logic is off and two saves at the same count write two checkpoints."""
import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-CHECKPOINT-MANAGER-INTERVAL": "fail"}


class CheckpointManager(tf.train.CheckpointManager):
    def __init__(self, checkpoint, directory, max_to_keep, keep_checkpoint_every_n_hours=None, checkpoint_name="ckpt",
                 step_counter=None, checkpoint_interval=None, *args, **kwargs):
        if not checkpoint_interval:
            checkpoint_interval = None  # the defect: 0 is "off"
        super().__init__(checkpoint, directory, max_to_keep, keep_checkpoint_every_n_hours, checkpoint_name,
                         step_counter, checkpoint_interval, *args, **kwargs)


TRAINING_UTIL = {}
api = tf2(train={"CheckpointManager": CheckpointManager})
