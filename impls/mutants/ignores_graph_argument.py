"""graph= is ignored on creation: the step goes to the default graph (what TF 2 does in eager mode)."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-GRAPH-ARG": "fail", "GS-GRAPH-DISTINCT": "fail"}


def get_or_create_global_step(graph=None):
    return tf1.train.get_or_create_global_step()


def create_global_step(graph=None):
    return tf1.train.create_global_step()


api = mutate(tf1, train={"get_or_create_global_step": get_or_create_global_step,
                         "create_global_step": create_global_step})
