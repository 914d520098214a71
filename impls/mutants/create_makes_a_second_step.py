"""create_global_step never checks for an existing step and makes `global_step_1`, a second one."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-CREATE-EXISTS-RAISES": "fail"}


def create_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    with graph.as_default(), graph.name_scope(None):
        return tf1.Variable(0, dtype=tf1.int64, trainable=False, name="global_step",
                            collections=[tf1.GraphKeys.GLOBAL_VARIABLES, tf1.GraphKeys.GLOBAL_STEP])


api = mutate(tf1, train={"create_global_step": create_global_step})
