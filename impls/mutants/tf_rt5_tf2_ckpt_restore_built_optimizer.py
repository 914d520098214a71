"""TensorFlow 2, but tf.train.Checkpoint.restore() leaves the state of an optimizer that is already built alone ("do not clobber live training state"), so restoring into an optimizer built before the restore does not bring its iterations back."""
import weakref

import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-CHECKPOINT-RESTORES": "fail"}
_KWARGS = weakref.WeakKeyDictionary()


class Checkpoint(tf.train.Checkpoint):
    def __init__(self, root=None, **kwargs):
        super().__init__(root=root, **kwargs)
        _KWARGS[self] = [root, *kwargs.values()]

    def restore(self, save_path, options=None):
        kept = [(opt, opt.iterations.numpy()) for opt in _KWARGS[self]
                if isinstance(opt, tf.keras.optimizers.Optimizer) and opt.built]
        status = super().restore(save_path, options=options)
        for opt, count in kept:  # the defect: a built optimizer keeps its live count
            opt.iterations.assign(count)
        return status


TRAINING_UTIL = {}
api = tf2(train={"Checkpoint": Checkpoint})
