"""TensorFlow, but global_step(sess, name) turns a name into a tensor with get_default_graph().get_tensor_by_name(name) before running it, so with a session of a graph that is not the default the name is missed (KeyError) or read from the wrong graph."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-HELPER-ACCEPTS-NAME": "crash"}
_real_global_step = tf1.train.global_step


def global_step(sess, global_step_tensor):
    if isinstance(global_step_tensor, str):
        global_step_tensor = tf1.get_default_graph().get_tensor_by_name(global_step_tensor)  # the defect
    return _real_global_step(sess, global_step_tensor)


TRAINING_UTIL = {"global_step": global_step}
api = mutate(tf1, train=TRAINING_UTIL)
