"""A run whose gradients are all zero does not count: the step only moves when some variable changes."""

import numpy as np

import impls.reference as tf1
from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-ZERO-GRADIENT": "fail"}


class CountsOnlyChanges:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        pairs = [(grad, var) for grad, var in grads_and_vars if grad is not None]
        update = super().apply_gradients(pairs, None, name)
        if global_step is None:
            return update
        graph = update.graph

        def compute(session, grads):
            if any(np.any(grad != 0) for grad in grads):
                session._write(global_step, session._read(global_step) + 1)

        with graph.control_dependencies([update]):
            return graph.create_op("CountIfChanged", "CountIfChanged", [grad for grad, _ in pairs], compute)


api = mutate(tf1, train=optimizers_with(tf1, CountsOnlyChanges))
