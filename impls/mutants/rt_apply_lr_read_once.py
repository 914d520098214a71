"""A learning rate given as a tensor (a schedule of the step) is evaluated on the train op's first run in a session and cached with the optimizer's slots, so later updates never see the step move."""
import numpy as np

from impls.mutants import edited

KILLED_BY = {"GS-APPLY-AFTER-UPDATE": "fail"}


def _apply(self, grad, var):
    rate = self.learning_rate  # a number, or a tensor (a schedule, often computed from the step)
    inputs = [grad, rate] if isinstance(rate, Tensor) else [grad]

    def compute(session, values):
        slots = session.slots.setdefault((op.name, var.name), {})
        # the learning rate is a hyperparameter: prepared once per session, like the other slots
        lr = slots.setdefault("lr", float(values[1]) if len(values) > 1 else rate)
        new = self._update(session._read(var).astype(np.float64), np.asarray(values[0], np.float64), slots, lr)
        return session._write(var, new)

    op = var.graph.create_op("ApplyUpdate", f"{self._name}/update_{var.op.name}", inputs, compute)
    return op


api = edited(_apply, method_of="Optimizer")
