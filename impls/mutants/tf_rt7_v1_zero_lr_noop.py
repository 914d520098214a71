"""TensorFlow, but an optimizer made with learning_rate=0 ("a zero learning rate changes nothing") returns tf.no_op() from apply_gradients, so its train op never increments global_step."""
import numbers

import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class ZeroRateNoOp:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        rate = getattr(self, "_learning_rate", getattr(self, "_lr", None))
        if isinstance(rate, numbers.Number) and rate == 0:
            return tf1.no_op(name=name)  # the defect: the increment goes with the update
        return super().apply_gradients(grads_and_vars, global_step, name, **kwargs)


TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, ZeroRateNoOp))
