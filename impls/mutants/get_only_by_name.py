"""get_global_step only looks for a tensor named `global_step:0` and ignores the GLOBAL_STEP collection."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-GET-USER-STEP": "fail"}


def get_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    try:
        step = graph.get_tensor_by_name("global_step:0")
    except KeyError:
        return None
    tf1.train.assert_global_step(step)
    return step


api = mutate(tf1, train={"get_global_step": get_global_step})
