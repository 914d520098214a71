"""apply_gradients adds 1 per updated variable, not 1 per run (cf. Lightning#17958: +1 per optimizer)."""

import impls.reference as tf1
from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class PerVariable:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        pairs = [(grad, var) for grad, var in grads_and_vars if grad is not None]
        update = super().apply_gradients(pairs, None, name)
        if global_step is None:
            return update
        with update.graph.control_dependencies([update]):
            return tf1.group(*[global_step.assign_add(1) for _ in pairs])


api = mutate(tf1, train=optimizers_with(tf1, PerVariable))
