"""TensorFlow, but assert_global_step runs convert_to_tensor on Python and NumPy numbers first (a "lenient" compatibility layer), so 5, np.int64(5) or np.array(5) pass as a step instead of raising TypeError."""
import numbers

import numpy as np
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-ASSERT-REJECTS-NON-TENSOR": "fail"}


def assert_global_step(global_step_tensor):
    if isinstance(global_step_tensor, (numbers.Number, np.ndarray, np.generic)):
        global_step_tensor = tf1.convert_to_tensor(global_step_tensor)  # the defect
    tf1.train.assert_global_step(global_step_tensor)


TRAINING_UTIL = {"assert_global_step": assert_global_step}
api = mutate(tf1, train=TRAINING_UTIL)
