"""TensorFlow, but get_global_step's name fallback checks only the dtype of the `global_step:0` tensor it finds (its own inline check), not its shape, so a non-scalar integer tensor named global_step is returned as the step."""
import logging

import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-GET-VALIDATES": "fail"}


def get_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    found = graph.get_collection(tf1.GraphKeys.GLOBAL_STEP)
    if len(found) == 1:
        tf1.train.assert_global_step(found[0])
        return found[0]
    if found:
        logging.getLogger("tensorflow").error("Multiple tensors in global_step collection.")
        return None
    try:
        step = graph.get_tensor_by_name("global_step:0")
    except KeyError:
        return None
    # Inline copy of the check for the fallback path: the dtype half only.
    if not step.dtype.base_dtype.is_integer:
        raise TypeError(f'Existing "global_step" does not have integer type: {step.dtype}')
    return step


TRAINING_UTIL = {"get_global_step": get_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
