"""TensorFlow, but assert_global_step checks "scalar" as ndims == 0 without TF's is_fully_defined() escape, so a tensor of unknown rank (placeholder(int64, shape=None)) is rejected with TypeError."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-ASSERT-ACCEPTS-UNKNOWN-RANK": "fail"}


def assert_global_step(global_step_tensor):
    tf1.train.assert_global_step(global_step_tensor)
    if global_step_tensor.get_shape().ndims is None:  # the defect: unknown rank is "not scalar"
        raise TypeError(f'Existing "global_step" is not scalar: {global_step_tensor.get_shape()}')


TRAINING_UTIL = {"assert_global_step": assert_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
