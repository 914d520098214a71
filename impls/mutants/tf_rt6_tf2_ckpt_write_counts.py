"""TensorFlow 2, but tf.train.Checkpoint.write() shares save()'s bookkeeping and adds 1 to save_counter, although write() numbers nothing."""
import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-CHECKPOINT-SAVE-COUNTER": "fail"}


class Checkpoint(tf.train.Checkpoint):
    def write(self, file_prefix, options=None):
        self.save_counter.assign_add(1)  # the defect
        return super().write(file_prefix, options=options)


TRAINING_UTIL = {}
api = tf2(train={"Checkpoint": Checkpoint})
