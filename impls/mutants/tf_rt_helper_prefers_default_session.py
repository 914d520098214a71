"""TensorFlow, but global_step(sess, t) runs t in the active default session when that one is on the same graph (mimicking TF2's eager branch, which ignores sess), not in the sess it was given."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-HELPER-READS-VALUE": "fail"}


def global_step(sess, global_step_tensor):
    default = tf1.get_default_session()
    if default is not None and default.graph is sess.graph:
        sess = default  # "the session the caller is working in"
    return int(sess.run(global_step_tensor))


TRAINING_UTIL = {"global_step": global_step}
api = mutate(tf1, train=TRAINING_UTIL)
