"""TensorFlow, but create_global_step does not look for an existing step: it relies on get_variable's own "Variable global_step already exists" ValueError, which only fires for a root-scope `global_step` made by get_variable -- any other existing step is silently joined by a second one."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-CREATE-EXISTS-RAISES": "fail"}


def create_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    # get_variable raises ValueError ("already exists") on a duplicate: that is the check.
    with graph.as_default() as g, g.name_scope(None):
        return tf1.get_variable(
            tf1.GraphKeys.GLOBAL_STEP, shape=[], dtype=tf1.int64, initializer=tf1.zeros_initializer(),
            trainable=False, aggregation=tf1.VariableAggregation.ONLY_FIRST_REPLICA,
            collections=[tf1.GraphKeys.GLOBAL_VARIABLES, tf1.GraphKeys.GLOBAL_STEP])


TRAINING_UTIL = {"create_global_step": create_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
