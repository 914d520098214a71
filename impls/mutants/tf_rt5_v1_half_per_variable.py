"""TensorFlow, but apply_gradients applies each float16/bfloat16 variable as its own group and every group carries global_step, so a train op over two half-precision variables adds 2."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class CountsPerHalfVariable:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        grads_and_vars = tuple(grads_and_vars)
        op = super().apply_gradients(grads_and_vars, global_step, name, **kwargs)
        half = [v for g, v in grads_and_vars if g is not None and v.dtype.base_dtype in (tf1.float16, tf1.bfloat16)]
        if global_step is None or len(half) < 2:
            return op
        with tf1.control_dependencies([op]), tf1.colocate_with(global_step):  # the defect: one count per variable
            return global_step.assign_add(tf1.constant(len(half) - 1, dtype=global_step.dtype.base_dtype)).op


TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, CountsPerHalfVariable))
