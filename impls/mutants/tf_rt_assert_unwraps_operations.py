"""TensorFlow, but assert_global_step accepts an Operation as "the operation that contains the global step" (the helper's Args wording) and checks its first output instead, so a tf.Operation with an integer scalar output passes."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-ASSERT-REJECTS-NON-TENSOR": "fail"}


def assert_global_step(global_step_tensor):
    if isinstance(global_step_tensor, tf1.Operation) and global_step_tensor.outputs:
        global_step_tensor = global_step_tensor.outputs[0]
    return tf1.train.assert_global_step(global_step_tensor)


TRAINING_UTIL = {"assert_global_step": assert_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
