"""Without graph=, the step goes to the process-wide default graph, ignoring the graph entered with as_default()."""

import impls.reference as tf1
from impls.mutants import mutate
from impls.reference import graph as graph_module

KILLED_BY = {"GS-GET-FINDS-STEP": "fail", "GS-GRAPH-DEFAULT": "fail"}


def _process_default():
    return graph_module._global_default[0]


def get_or_create_global_step(graph=None):
    return tf1.train.get_or_create_global_step(graph or _process_default())


def create_global_step(graph=None):
    return tf1.train.create_global_step(graph or _process_default())


api = mutate(tf1, train={"get_or_create_global_step": get_or_create_global_step,
                         "create_global_step": create_global_step})
