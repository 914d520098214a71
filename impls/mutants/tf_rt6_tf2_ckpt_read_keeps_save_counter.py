"""TensorFlow 2, but tf.train.Checkpoint.read() is made write()'s exact inverse: it puts save_counter back to its value before the read instead of restoring the file's, and restore(), built on read(), does the same."""
import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-CHECKPOINT-SAVE-COUNTER": "fail"}


class Checkpoint(tf.train.Checkpoint):
    def read(self, save_path, options=None):
        kept = self.save_counter.numpy()
        status = super().read(save_path, options=options)
        self.save_counter.assign(kept)  # the defect
        return status


TRAINING_UTIL = {}
api = tf2(train={"Checkpoint": Checkpoint})
