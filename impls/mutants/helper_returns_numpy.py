"""global_step(sess, step) returns the numpy scalar from sess.run instead of a Python int."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-HELPER-RETURNS-INT": "fail"}


def global_step(sess, global_step_tensor):
    return sess.run(global_step_tensor)


api = mutate(tf1, train={"global_step": global_step})
