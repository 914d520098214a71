"""TensorFlow, but the base train.Optimizer that user optimizers subclass (through _create_slots/_apply_dense) drops global_step in apply_gradients (only the built-in optimizers were ported to increment it)."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class Optimizer(tf1.train.Optimizer):
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        return super().apply_gradients(grads_and_vars, None, name, **kwargs)  # the defect: global_step dropped


TRAINING_UTIL = {}
api = mutate(tf1, train={"Optimizer": Optimizer})
