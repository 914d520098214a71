"""TensorFlow, but assert_global_step checks the tensor's dtype, not its base_dtype, against the integer dtypes, so a RefVariable step (dtype int64_ref, e.g. use_resource=False) is rejected with TypeError."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-ASSERT-ACCEPTS-INT-SCALAR": "fail"}
INTEGERS = (tf1.int8, tf1.int16, tf1.int32, tf1.int64, tf1.uint8, tf1.uint16, tf1.uint32, tf1.uint64)


def assert_global_step(global_step_tensor):
    tf1.train.assert_global_step(global_step_tensor)
    if global_step_tensor.dtype not in INTEGERS:  # the defect: dtype, not dtype.base_dtype
        raise TypeError(f'Existing "global_step" does not have integer type: {global_step_tensor.dtype}')


TRAINING_UTIL = {"assert_global_step": assert_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
