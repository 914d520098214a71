"""TensorFlow, but global_step(sess, v) turns a Variable into a fresh `v.read_value()` before running it ("always fetch the latest value"), so every call adds a read op: on a finalized graph (MonitoredSession, Supervisor) it raises RuntimeError."""
import tensorflow.compat.v1 as tf1
from tensorflow.python.ops import variables

from impls.mutants import mutate

KILLED_BY = {"GS-HELPER-READS-VALUE": "crash"}


def global_step(sess, global_step_tensor):
    if tf1.executing_eagerly():
        return int(global_step_tensor.numpy())
    if isinstance(global_step_tensor, variables.Variable):
        global_step_tensor = global_step_tensor.read_value()  # a read, not a (possibly cached) snapshot
    return int(sess.run(global_step_tensor))


TRAINING_UTIL = {"global_step": global_step}
api = mutate(tf1, train=TRAINING_UTIL)
