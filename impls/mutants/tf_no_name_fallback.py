"""TensorFlow, but get_global_step only reads the GLOBAL_STEP collection, without the `global_step:0` fallback."""

import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-GET-NAME-FALLBACK"}


def get_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    found = graph.get_collection(tf1.GraphKeys.GLOBAL_STEP)
    if len(found) != 1:
        return None
    tf1.train.assert_global_step(found[0])
    return found[0]


TRAINING_UTIL = {"get_global_step": get_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
