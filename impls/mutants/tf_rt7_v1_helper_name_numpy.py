"""TensorFlow, but global_step(sess, name) given the name of the step tensor (a str) returns sess.run(name) as it comes, a NumPy scalar: the int() conversion is only on the tensor path."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-HELPER-RETURNS-INT": "fail"}
_real_global_step = tf1.train.global_step


def global_step(sess, global_step_tensor):
    if isinstance(global_step_tensor, str):
        return sess.run(global_step_tensor)  # the defect: a "fast path" for names, without int()
    return _real_global_step(sess, global_step_tensor)


TRAINING_UTIL = {"global_step": global_step}
api = mutate(tf1, train=TRAINING_UTIL)
