"""The step is incremented before the variable updates, so a schedule sees the next step (Lightning#411)."""

import impls.reference as tf1
from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-AFTER-UPDATE": "fail"}


class CountsFirst:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, skip_gradients_aggregation=False):
        if global_step is None:
            return super().apply_gradients(grads_and_vars, None, name)
        bump = global_step.assign_add(1)
        with bump.graph.control_dependencies([bump]):
            return super().apply_gradients(grads_and_vars, None, name)


api = mutate(tf1, train=optimizers_with(tf1, CountsFirst))
