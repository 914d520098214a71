"""TensorFlow, but create_global_step(graph=g) re-enters the caller's variable_scope, captured from the *default* graph, inside g, so a step made for another graph gets the default graph's scope prefix (`bar/global_step:0`)."""
import tensorflow.compat.v1 as tf1

from impls.mutants import creating, mutate

KILLED_BY = {"GS-CREATE-FRESH-NAME": "fail"}


def create_global_step(graph=None):
    # Keep TF's observed "variable_scope prefixes the name" behaviour explicitly ... but the scope is read
    # before switching to `graph`, i.e. from whatever graph is the default.
    scope = tf1.get_variable_scope()
    graph = graph or tf1.get_default_graph()
    if tf1.train.get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default() as g, g.name_scope(None), tf1.variable_scope(scope, auxiliary_name_scope=False):
        return tf1.get_variable(
            tf1.GraphKeys.GLOBAL_STEP, shape=[], dtype=tf1.int64, initializer=tf1.zeros_initializer(),
            trainable=False, aggregation=tf1.VariableAggregation.ONLY_FIRST_REPLICA,
            collections=[tf1.GraphKeys.GLOBAL_VARIABLES, tf1.GraphKeys.GLOBAL_STEP])


TRAINING_UTIL = creating(tf1, create_global_step)
api = mutate(tf1, train=TRAINING_UTIL)
