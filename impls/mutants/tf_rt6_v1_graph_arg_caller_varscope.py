"""TensorFlow, but create_global_step re-enters the caller's variable scope inside graph=g, so get_or_create_global_step(graph=g) called under variable_scope('outer') in another default graph names g's step outer/global_step."""
import tensorflow.compat.v1 as tf1

from impls.mutants import creating, mutate

KILLED_BY = {"GS-CREATE-NEW": "fail", "GS-CREATE-FRESH-NAME": "fail"}


def create_global_step(graph=None):
    if tf1.executing_eagerly():
        return tf1.train.create_global_step(graph)
    scope = tf1.get_variable_scope()  # the caller's scope, taken before switching graphs
    graph = graph or tf1.get_default_graph()
    if tf1.train.get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default() as g, tf1.variable_scope(scope), g.name_scope(None):  # the defect: "keep the user's scope"
        return tf1.get_variable(
            tf1.GraphKeys.GLOBAL_STEP, shape=[], dtype=tf1.int64, initializer=tf1.zeros_initializer(),
            trainable=False, aggregation=tf1.VariableAggregation.ONLY_FIRST_REPLICA,
            collections=[tf1.GraphKeys.GLOBAL_VARIABLES, tf1.GraphKeys.GLOBAL_STEP])


TRAINING_UTIL = creating(tf1, create_global_step)
api = mutate(tf1, train=TRAINING_UTIL)
