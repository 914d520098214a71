"""TensorFlow, but apply_gradients takes a separate path when any gradient is sparse (IndexedSlices, from tf.gather / embedding_lookup) and that path forgets global_step: the step never moves for embedding models."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class SparsePathForgetsStep:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        grads_and_vars = tuple(grads_and_vars)
        if any(isinstance(g, tf1.IndexedSlices) for g, _ in grads_and_vars):
            # sparse fast path (duplicate indices summed by the base class) -- global_step not forwarded
            return super().apply_gradients(grads_and_vars, name=name, **kwargs)
        return super().apply_gradients(grads_and_vars, global_step=global_step, name=name, **kwargs)


#: No training_util function changes, so TensorFlow's own training_util_test cannot see it.
TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, SparsePathForgetsStep))
