"""assert_global_step accepts only plain tensors (its Args say "`Tensor` to test") and rejects variables."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-ASSERT-ACCEPTS-STEP": "fail", "GS-ASSERT-ACCEPTS-INT-SCALAR": "fail"}


def assert_global_step(global_step_tensor):
    if isinstance(global_step_tensor, tf1.Variable):
        raise TypeError(f'Existing "global_step" must be a Tensor: {global_step_tensor}.')
    tf1.train.assert_global_step(global_step_tensor)


api = mutate(tf1, train={"assert_global_step": assert_global_step})
