"""TensorFlow, but apply_gradients counts each part of a partitioned variable (get_variable(partitioner=fixed_size_partitioner(2))) as a step of its own, so a run over a variable in two parts adds 2."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class CountsPerPart:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        grads_and_vars = tuple(grads_and_vars)
        op = super().apply_gradients(grads_and_vars, global_step, name, **kwargs)
        parts = [v for g, v in grads_and_vars if g is not None and getattr(v, "_save_slice_info", None) is not None]
        if global_step is None or len(parts) < 2:
            return op
        with tf1.control_dependencies([op]), tf1.colocate_with(global_step):  # the defect: one count per part
            return global_step.assign_add(tf1.constant(len(parts) - 1, dtype=global_step.dtype.base_dtype)).op


TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, CountsPerPart))
