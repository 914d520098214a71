"""get_or_create_global_step makes a new variable on every call instead of returning the existing step."""

import impls.reference as tf1
from impls.mutants import mutate, step_creator

KILLED_BY = {"GS-IDEM-SAME-OBJECT": "fail", "GS-IDEM-NO-GROWTH": "fail", "GS-IDEM-AFTER-CREATE": "fail"}

# "Returns and create (if necessary)" read as "creates": no lookup first. The name is made unique by the graph.
_create = step_creator(tf1, check_exists=False)


def get_or_create_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    with graph.as_default():
        return tf1.Variable(0, dtype=tf1.int64, trainable=False, name="global_step",
                            collections=[tf1.GraphKeys.GLOBAL_VARIABLES, tf1.GraphKeys.GLOBAL_STEP])


api = mutate(tf1, train={"get_or_create_global_step": get_or_create_global_step})
