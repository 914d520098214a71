"""TensorFlow, but create_global_step omits initializer= (relying on get_variable's zeros default for integer variables), so inside a variable_scope that sets an initializer (variable_scope('model', initializer=...)) the step gets the scope's initializer: it starts at 1 or 7, or creation raises TypeError."""
import tensorflow.compat.v1 as tf1

from impls.mutants import creating, mutate

KILLED_BY = {"GS-CREATE-FRESH-ZERO": "fail"}


def create_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    if tf1.train.get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default() as g, g.name_scope(None):
        return tf1.get_variable(
            tf1.GraphKeys.GLOBAL_STEP, shape=[], dtype=tf1.int64, trainable=False,
            aggregation=tf1.VariableAggregation.ONLY_FIRST_REPLICA,
            collections=[tf1.GraphKeys.GLOBAL_VARIABLES, tf1.GraphKeys.GLOBAL_STEP])


TRAINING_UTIL = creating(tf1, create_global_step)
api = mutate(tf1, train=TRAINING_UTIL)
