"""TensorFlow, but get_or_create_global_step re-registers an existing step (clear_collection(GLOBAL_STEP) + add_to_collection, a no-op rewrite meant to dedupe), which a finalized graph (MonitoredSession) refuses: a second call raises RuntimeError."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-IDEM-SAME-OBJECT": "crash"}


def get_or_create_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    step = tf1.train.get_global_step(graph)
    if step is None:
        return tf1.train.create_global_step(graph)
    if graph.get_collection(tf1.GraphKeys.GLOBAL_STEP) == [step]:  # the defect: rewrite the registration
        graph.clear_collection(tf1.GraphKeys.GLOBAL_STEP)
        graph.add_to_collection(tf1.GraphKeys.GLOBAL_STEP, step)
    return step


TRAINING_UTIL = {"get_or_create_global_step": get_or_create_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
