"""TensorFlow, but create_global_step builds the step's initial value as a tensor (tf.zeros([], int64)) in the caller's context instead of an initializer, so an enclosing tf.control_dependencies (the UPDATE_OPS idiom) becomes a dependency of the step's initializer, and creation inside a cond/while body fails."""
import tensorflow.compat.v1 as tf1

from impls.mutants import creating, mutate

KILLED_BY = {"GS-CREATE-FRESH-ZERO": "crash"}


def create_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    if tf1.train.get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default() as g, g.name_scope(None):
        return tf1.get_variable(
            tf1.GraphKeys.GLOBAL_STEP, dtype=tf1.int64, initializer=tf1.zeros([], tf1.int64), trainable=False,
            aggregation=tf1.VariableAggregation.ONLY_FIRST_REPLICA,
            collections=[tf1.GraphKeys.GLOBAL_VARIABLES, tf1.GraphKeys.GLOBAL_STEP])


TRAINING_UTIL = creating(tf1, create_global_step)
api = mutate(tf1, train=TRAINING_UTIL)
