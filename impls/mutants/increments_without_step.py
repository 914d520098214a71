"""A train op built without global_step still increments the graph's step, if the graph has one."""

import impls.reference as tf1
from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-WITHOUT-STEP": "fail"}


class AlwaysCounts:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        grads_and_vars = list(grads_and_vars)
        if global_step is None and grads_and_vars:
            global_step = tf1.train.get_global_step(grads_and_vars[0][1].graph)
        return super().apply_gradients(grads_and_vars, global_step, name)


api = mutate(tf1, train=optimizers_with(tf1, AlwaysCounts))
