"""TensorFlow, but apply_gradients is a (grads_and_vars, *args, **kwargs) compat wrapper that forwards only keyword arguments, so apply_gradients(gv, step) with the step passed positionally never increments it (minimize, which passes it by keyword, works)."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class KeywordOnlyForwarding:
    def apply_gradients(self, grads_and_vars, *args, **kwargs):
        # a tracing/compat wrapper: only keyword arguments are forwarded
        return super().apply_gradients(grads_and_vars, **kwargs)


#: No training_util function changes, so TensorFlow's own training_util_test cannot see it.
TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, KeywordOnlyForwarding))
