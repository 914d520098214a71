"""TensorFlow, but global_step(sess, t) converts the fetched value through float (to accept float steps too), so a step above 2**53 comes back rounded."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-HELPER-READS-VALUE": "fail"}


def global_step(sess, global_step_tensor):
    # int(round(float(...))) so that a float step (TF accepts one) yields the nearest count
    return round(float(sess.run(global_step_tensor)))


TRAINING_UTIL = {"global_step": global_step}
api = mutate(tf1, train=TRAINING_UTIL)
