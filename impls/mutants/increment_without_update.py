"""With global_step, the train op only increments the step and never applies the variable updates."""

import impls.reference as tf1
from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-UPDATES-VARIABLES": "fail"}


class OnlyCounts:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        update = super().apply_gradients(grads_and_vars, None, name)
        return update if global_step is None else global_step.assign_add(1).op


api = mutate(tf1, train=optimizers_with(tf1, OnlyCounts))
