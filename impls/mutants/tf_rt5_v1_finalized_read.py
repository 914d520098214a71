"""TensorFlow, but get_or_create_global_step re-validates an existing step through its value (assert_global_step(convert_to_tensor(step))), adding a read op per call, so on a finalized graph (MonitoredSession) a second call raises RuntimeError."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-IDEM-SAME-OBJECT": "crash"}


def get_or_create_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    step = tf1.train.get_global_step(graph)
    if step is None:
        return tf1.train.create_global_step(graph)
    with graph.as_default():  # the defect: validate the value, not the variable
        tf1.train.assert_global_step(tf1.convert_to_tensor(step))
    return step


TRAINING_UTIL = {"get_or_create_global_step": get_or_create_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
