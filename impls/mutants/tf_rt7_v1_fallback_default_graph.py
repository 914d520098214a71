"""TensorFlow, but get_global_step's `global_step:0` name fallback looks in get_default_graph() instead of in graph=, so with graph=g and another graph the default, a step found only by its name is missed or taken from the wrong graph."""
import logging

import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-GET-GRAPH-ARG": "fail"}


def get_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    found = graph.get_collection(tf1.GraphKeys.GLOBAL_STEP)
    if len(found) > 1:
        logging.getLogger("tensorflow").error("Multiple tensors in global_step collection.")
        return None
    if found:
        step = found[0]
    else:
        try:
            step = tf1.get_default_graph().get_tensor_by_name("global_step:0")  # the defect: not graph
        except KeyError:
            return None
    tf1.train.assert_global_step(step)
    return step


TRAINING_UTIL = {"get_global_step": get_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
