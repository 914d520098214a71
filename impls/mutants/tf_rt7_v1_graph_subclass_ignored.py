"""TensorFlow, but get_global_step, create_global_step and get_or_create_global_step validate graph= with `type(graph) is tf.Graph`, so a user's Graph subclass passed as graph= is ignored and the default graph used."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-GRAPH-ARG": "fail", "GS-GET-GRAPH-ARG": "fail"}


def _exact_graph_only(real):
    def function(graph=None):
        if type(graph) is not tf1.Graph:  # the defect: not isinstance
            graph = None
        return real(graph)

    function.__name__ = real.__name__
    return function


TRAINING_UTIL = {name: _exact_graph_only(getattr(tf1.train, name))
                 for name in ("get_global_step", "create_global_step", "get_or_create_global_step")}
api = mutate(tf1, train=TRAINING_UTIL)
