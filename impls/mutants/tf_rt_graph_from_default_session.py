"""TensorFlow, but get_or_create_global_step without graph= resolves "the default graph" as the default session's graph when a session is active (as Keras 2's backend get_graph() did), so building in another graph inside `with sess:` puts the step in the session's graph."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-GRAPH-DEFAULT": "fail"}


def get_or_create_global_step(graph=None):
    if graph is None:
        sess = tf1.get_default_session()
        graph = sess.graph if sess is not None else tf1.get_default_graph()
    return tf1.train.get_or_create_global_step(graph)


TRAINING_UTIL = {"get_or_create_global_step": get_or_create_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
