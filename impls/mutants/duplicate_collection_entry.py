"""get_or_create_global_step registers the step in GLOBAL_STEP again on every call."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-IDEM-NO-GROWTH": "fail"}


def get_or_create_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    step = tf1.train.get_or_create_global_step(graph)
    if step is not None:
        graph.add_to_collection(tf1.GraphKeys.GLOBAL_STEP, step)
    return step


api = mutate(tf1, train={"get_or_create_global_step": get_or_create_global_step})
