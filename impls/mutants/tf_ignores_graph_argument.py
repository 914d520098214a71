"""TensorFlow, but create functions ignore graph= and use the default graph (what TF 2 does in eager mode)."""

import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-GRAPH-ARG": "fail", "GS-GRAPH-DISTINCT": "fail"}

_real_create, _real_get_or_create = tf1.train.create_global_step, tf1.train.get_or_create_global_step


def create_global_step(graph=None):
    return _real_create()


def get_or_create_global_step(graph=None):
    step = tf1.train.get_global_step()
    return step if step is not None else _real_create()


TRAINING_UTIL = {"create_global_step": create_global_step, "get_or_create_global_step": get_or_create_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
