"""TensorFlow 2, but tf.train.Checkpoint.write() (the low-level path beside save()) writes only trainable state: a non-trainable tf.Variable counter given to the Checkpoint is left out, so write()/read() do not bring the count back."""
import weakref

import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-CHECKPOINT-RESTORES": "fail"}
_KWARGS = weakref.WeakKeyDictionary()


class Checkpoint(tf.train.Checkpoint):
    def __init__(self, root=None, **kwargs):
        super().__init__(root=root, **kwargs)
        _KWARGS[self] = kwargs

    def write(self, file_prefix, options=None):
        if self._root is not None:
            return super().write(file_prefix, options=options)
        # the defect: "write() exports the model state": non-trainable variables are skipped
        kept = {k: v for k, v in _KWARGS[self].items() if not (isinstance(v, tf.Variable) and not v.trainable)}
        return tf.train.Checkpoint(**kept).write(file_prefix, options=options)


TRAINING_UTIL = {}
api = tf2(train={"Checkpoint": Checkpoint})
