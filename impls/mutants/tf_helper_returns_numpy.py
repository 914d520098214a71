"""TensorFlow, but global_step(sess, step) returns the numpy scalar instead of a Python int."""

import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-HELPER-RETURNS-INT": "fail"}


def global_step(sess, global_step_tensor):
    return sess.run(global_step_tensor)


TRAINING_UTIL = {"global_step": global_step}
api = mutate(tf1, train=TRAINING_UTIL)
