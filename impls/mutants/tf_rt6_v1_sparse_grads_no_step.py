"""TensorFlow, but apply_gradients whose gradients are all IndexedSlices (an embedding lookup, tf.gather) goes through a sparse-only path that updates the variables without incrementing global_step."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class AllSparseDropsStep:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        grads_and_vars = tuple(grads_and_vars)
        grads = [g for g, _ in grads_and_vars if g is not None]
        if grads and all(isinstance(g, tf1.IndexedSlices) for g in grads):
            global_step = None  # the defect
        return super().apply_gradients(grads_and_vars, global_step, name, **kwargs)


TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, AllSparseDropsStep))
