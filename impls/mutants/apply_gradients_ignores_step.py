"""apply_gradients() ignores global_step and only minimize() counts (AdaBound-tensorflow#5, YellowFin#13)."""

import impls.reference as tf1
from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class IncrementsInMinimize:
    def minimize(self, loss, global_step=None, var_list=None, **kwargs):
        update = super().minimize(loss, None, var_list, **kwargs)
        if global_step is None:
            return update
        with loss.graph.control_dependencies([update]):
            return global_step.assign_add(1).op

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        return super().apply_gradients(grads_and_vars, None, name)


api = mutate(tf1, train=optimizers_with(tf1, IncrementsInMinimize))
