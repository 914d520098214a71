"""TensorFlow, but assert_global_step returns early for None (treats "no step" as nothing to check), so assert_global_step(None) passes silently instead of raising TypeError."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-ASSERT-REJECTS-NON-TENSOR": "fail"}


def assert_global_step(global_step_tensor):
    if global_step_tensor is None:  # "optional step": callers pass get_global_step()'s result straight in
        return
    tf1.train.assert_global_step(global_step_tensor)


TRAINING_UTIL = {"assert_global_step": assert_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
