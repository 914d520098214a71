"""TensorFlow, but create_global_step honours an enclosing variable_scope(dtype=...) like any get_variable, so under variable_scope('m', dtype=tf.float16) the step is float16, not int64."""
import tensorflow.compat.v1 as tf1

from impls.mutants import creating, mutate

KILLED_BY = {"GS-CREATE-NEW": "crash"}


def create_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    if tf1.train.get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    scope_dtype = tf1.get_variable_scope().dtype  # the defect: a scope's own dtype wins over int64
    with graph.as_default(), graph.name_scope(None):
        return tf1.get_variable(
            tf1.GraphKeys.GLOBAL_STEP, shape=[], dtype=tf1.int64 if scope_dtype in (None, tf1.float32) else scope_dtype,
            initializer=tf1.zeros_initializer(), trainable=False, aggregation=tf1.VariableAggregation.ONLY_FIRST_REPLICA,
            collections=[tf1.GraphKeys.GLOBAL_VARIABLES, tf1.GraphKeys.GLOBAL_STEP])


TRAINING_UTIL = creating(tf1, create_global_step)
api = mutate(tf1, train=TRAINING_UTIL)
