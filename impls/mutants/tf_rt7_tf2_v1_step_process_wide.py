"""TensorFlow 2, but run eagerly tf.compat.v1.train.get_or_create_global_step() caches its step in a module global (cleared by reset_default_graph) instead of per thread, so another thread gets the first thread's step."""
import tensorflow as tf
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate
from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-V1-STEP-EAGER": "fail"}
_EAGER_STEP = {}  # the defect: one for the process, not one per thread


def get_or_create_global_step(graph=None):
    if graph is None and tf.executing_eagerly():
        if "step" not in _EAGER_STEP:
            _EAGER_STEP["step"] = tf1.train.get_or_create_global_step()
        return _EAGER_STEP["step"]
    return tf1.train.get_or_create_global_step(graph)


def get_global_step(graph=None):
    if graph is None and tf.executing_eagerly() and "step" in _EAGER_STEP:
        return _EAGER_STEP["step"]
    return tf1.train.get_global_step(graph)


def reset_default_graph():
    _EAGER_STEP.clear()
    tf1.reset_default_graph()


TRAINING_UTIL = {}
api = tf2(compat=mutate(tf.compat, v1=mutate(tf1, reset_default_graph=reset_default_graph, train={
    "get_or_create_global_step": get_or_create_global_step, "get_global_step": get_global_step})))
