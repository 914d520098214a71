"""TensorFlow, but inside a tf.distribute strategy scope create_global_step puts the step in GLOBAL_VARIABLES only, not in GLOBAL_STEP, so get_global_step cannot find it."""
import tensorflow as tf
import tensorflow.compat.v1 as tf1

from impls.mutants import creating, mutate

KILLED_BY = {"GS-CREATE-FRESH-COLLECTIONS": "fail"}


def create_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    if tf1.train.get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    collections = [tf1.GraphKeys.GLOBAL_VARIABLES, tf1.GraphKeys.GLOBAL_STEP]
    if tf.distribute.has_strategy():
        collections = [tf1.GraphKeys.GLOBAL_VARIABLES]  # the defect
    with graph.as_default(), graph.name_scope(None):
        return tf1.get_variable(
            tf1.GraphKeys.GLOBAL_STEP, shape=[], dtype=tf1.int64, initializer=tf1.zeros_initializer(),
            trainable=False, aggregation=tf1.VariableAggregation.ONLY_FIRST_REPLICA, collections=collections)


TRAINING_UTIL = creating(tf1, create_global_step)
api = mutate(tf1, train=TRAINING_UTIL)
