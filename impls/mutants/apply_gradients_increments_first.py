"""apply_gradients (called directly, not through minimize) increments the step before the variable updates."""

import impls.reference as tf1
from impls.mutants import mutate, optimizers_with


class IncrementsFirst:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, skip_gradients_aggregation=False):
        pairs = [(grad, var) for grad, var in grads_and_vars if grad is not None]
        if global_step is None:
            return super().apply_gradients(pairs, None, name)
        graph = pairs[0][1].graph
        with graph.as_default():
            bump = global_step.assign_add(1)
            with graph.control_dependencies([bump]):
                return super().apply_gradients(pairs, None, name)

    def minimize(self, loss, global_step=None, var_list=None, name=None, **options):
        pairs = self.compute_gradients(loss, var_list)
        return tf1.train.Optimizer.apply_gradients(self, pairs, global_step, name)  # minimize keeps the order


KILLED_BY = {"GS-APPLY-AFTER-UPDATE": "fail"}
api = mutate(tf1, train=optimizers_with(tf1, IncrementsFirst))
