"""TensorFlow, but a v1 optimizer run eagerly (minimize(loss_fn, var_list=..., global_step=step), TensorFlow 2's default mode) ignores global_step: only graph-mode train ops increment it."""
import tensorflow as tf
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with
from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-V1-OPTIMIZER-EAGER": "fail"}


class EagerDropsStep:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        if tf1.executing_eagerly():
            global_step = None  # the defect
        return super().apply_gradients(grads_and_vars, global_step, name, **kwargs)


TRAINING_UTIL = {}
api = tf2(compat=mutate(tf.compat, v1=mutate(tf1, train=optimizers_with(tf1, EagerDropsStep))))
