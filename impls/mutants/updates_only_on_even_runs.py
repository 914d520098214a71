"""The optimizer updates the variables only on every second run of the train op (the step still counts)."""

from impls.mutants import edited

KILLED_BY = {"GS-APPLY-UPDATES-VARIABLES": "fail"}


def _apply(self, grad, var):
    rate = self.learning_rate
    inputs = [grad, rate] if isinstance(rate, Tensor) else [grad]

    def compute(session, values):
        slots = session.slots.setdefault((op.name, var.name), {})
        slots["runs"] = slots.get("runs", 0) + 1
        if slots["runs"] % 2:  # the defect: an "accumulate, then apply" schedule gone wrong
            return session._read(var)
        lr = float(values[1]) if len(values) > 1 else rate
        new = self._update(session._read(var).astype(np.float64), np.asarray(values[0], np.float64), slots, lr)
        return session._write(var, new)

    op = var.graph.create_op("ApplyUpdate", f"{self._name}/update_{var.op.name}", inputs, compute)
    return op


api = edited(_apply, method_of="Optimizer")
