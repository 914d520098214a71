"""get_global_step(graph=g) looks in the default graph instead of g."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-GET-GRAPH-ARG": "fail"}


def get_global_step(graph=None):
    return tf1.train.get_global_step()


api = mutate(tf1, train={"get_global_step": get_global_step})
