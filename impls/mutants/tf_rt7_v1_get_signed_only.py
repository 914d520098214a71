"""TensorFlow, but get_global_step checks the step against "the integer dtypes" enumerated as (int8, int16, int32, int64), so a user's unsigned step (uint8 ... uint64) in GLOBAL_STEP makes it raise TypeError."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-GET-USER-STEP": "crash"}
_real_get_global_step = tf1.train.get_global_step
_INTEGERS = (tf1.int8, tf1.int16, tf1.int32, tf1.int64)  # the defect: no unsigned dtypes


def get_global_step(graph=None):
    step = _real_get_global_step(graph)
    if step is not None and step.dtype.base_dtype not in _INTEGERS:
        raise TypeError(f'Existing "global_step" does not have integer type: {step.dtype}')
    return step


TRAINING_UTIL = {"get_global_step": get_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
