"""assert_global_step (and so get_global_step) accepts only int64, rejecting int32 and the other integer types."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-GET-USER-STEP": "crash", "GS-ASSERT-ACCEPTS-INT-SCALAR": "fail"}


def assert_global_step(global_step_tensor):
    tf1.train.assert_global_step(global_step_tensor)
    if global_step_tensor.dtype.base_dtype is not tf1.int64:
        raise TypeError(f'Existing "global_step" is not int64: {global_step_tensor.dtype}')


def get_global_step(graph=None):
    step = tf1.train.get_global_step(graph)
    if step is not None:
        assert_global_step(step)
    return step


api = mutate(tf1, train={"assert_global_step": assert_global_step, "get_global_step": get_global_step})
