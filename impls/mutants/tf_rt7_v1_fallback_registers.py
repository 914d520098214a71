"""TensorFlow, but a step that get_global_step finds by the `global_step:0` name fallback is added to GLOBAL_STEP "to be found faster next time", so a lookup grows a collection (and raises RuntimeError on a finalized graph)."""
import logging

import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-GET-NAME-FALLBACK": "fail", "GS-IDEM-NO-GROWTH": "fail", "GS-CREATE-EXISTS-RAISES": "fail"}
_real_create_global_step = tf1.train.create_global_step


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
            step = graph.get_tensor_by_name("global_step:0")
        except KeyError:
            return None
        graph.add_to_collection(tf1.GraphKeys.GLOBAL_STEP, step)  # the defect
    tf1.train.assert_global_step(step)
    return step


# training_util.py's create and get_or_create look the step up through get_global_step, the edited one.
def create_global_step(graph=None):
    if get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    return _real_create_global_step(graph)


def get_or_create_global_step(graph=None):
    step = get_global_step(graph)
    return step if step is not None else _real_create_global_step(graph)


TRAINING_UTIL = {"get_global_step": get_global_step, "create_global_step": create_global_step,
                 "get_or_create_global_step": get_or_create_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
