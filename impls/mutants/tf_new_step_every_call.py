"""TensorFlow, but get_or_create_global_step makes a new variable on every call."""

import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-IDEM-SAME-OBJECT": "fail", "GS-IDEM-NO-GROWTH": "fail", "GS-IDEM-AFTER-CREATE": "fail"}


def get_or_create_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    with graph.as_default():
        return tf1.Variable(0, dtype=tf1.int64, trainable=False, name="global_step",
                            collections=[tf1.GraphKeys.GLOBAL_VARIABLES, tf1.GraphKeys.GLOBAL_STEP])


TRAINING_UTIL = {"get_or_create_global_step": get_or_create_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
