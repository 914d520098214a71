"""TensorFlow, but create_global_step returns the existing step instead of raising ValueError."""

import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-CREATE-EXISTS-RAISES": "fail"}

_real_create = tf1.train.create_global_step  # captured: patched into training_util, the name is rebound


def create_global_step(graph=None):
    step = tf1.train.get_global_step(graph)
    return step if step is not None else _real_create(graph)


TRAINING_UTIL = {"create_global_step": create_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
