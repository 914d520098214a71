"""get_global_step returns whatever it finds without checking it is an integer scalar."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-GET-VALIDATES": "fail"}


def get_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    found = graph.get_collection(tf1.GraphKeys.GLOBAL_STEP)
    if len(found) > 1:
        return None
    if found:
        return found[0]
    try:
        return graph.get_tensor_by_name("global_step:0")
    except KeyError:
        return None


api = mutate(tf1, train={"get_global_step": get_global_step})
