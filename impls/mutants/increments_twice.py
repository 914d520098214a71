"""Each run adds 2: the optimizer increments and so does an extra assign_add (InsightFace_TF#45, m3tl#12)."""

import impls.reference as tf1
from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class CountsTwice:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        train_op = super().apply_gradients(grads_and_vars, global_step, name)
        if global_step is None:
            return train_op
        with train_op.graph.control_dependencies([train_op]):
            return global_step.assign_add(1).op


api = mutate(tf1, train=optimizers_with(tf1, CountsTwice))
