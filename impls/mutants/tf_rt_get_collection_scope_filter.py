"""TensorFlow, but get_global_step reads GLOBAL_STEP with get_collection(key, 'global_step'), a regex scope filter, so a step whose name does not start with `global_step` (a user's `step`, or `bar/global_step` made in a variable_scope) is not found."""
import logging

import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-GET-USER-STEP": "fail"}


def get_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    # The author meant "the entry named global_step"; get_collection's second argument is a scope regex
    # matched against the start of each item's name.
    found = graph.get_collection(tf1.GraphKeys.GLOBAL_STEP, "global_step")
    if len(found) == 1:
        step = found[0]
    elif not found:
        try:
            step = graph.get_tensor_by_name("global_step:0")
        except KeyError:
            return None
    else:
        logging.getLogger("tensorflow").error("Multiple tensors in global_step collection.")
        return None
    tf1.train.assert_global_step(step)
    return step


TRAINING_UTIL = {"get_global_step": get_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
