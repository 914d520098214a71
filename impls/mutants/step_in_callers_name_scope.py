"""The step is created inside the caller's name scope (`outer/global_step:0`): it does not escape it."""

import impls.reference as tf1
from impls.mutants import creating, mutate

KILLED_BY = {"GS-CREATE-FRESH-NAME-SCOPE": "fail"}


def create_global_step(graph=None):
    """Like the real one, minus `name_scope(None)`; built with Variable, which honours name scopes."""
    graph = graph or tf1.get_default_graph()
    if tf1.train.get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default():
        return tf1.Variable(0, dtype=tf1.int64, trainable=False, name="global_step",
                            collections=[tf1.GraphKeys.GLOBAL_VARIABLES, tf1.GraphKeys.GLOBAL_STEP])


api = mutate(tf1, train=creating(tf1, create_global_step))
