"""apply_gradients adds one to `iterations` before it updates the variables, so a learning-rate schedule sees the new count."""
import numpy as np

from impls.mutants import counter_edited

KILLED_BY = {"IT-APPLY-AFTER-UPDATE": "fail"}


def apply_gradients(self, grads_and_vars):
    pairs = list(grads_and_vars)
    if not pairs:
        raise ValueError("apply_gradients needs at least one (gradient, variable) pair; got none")
    self.build([variable for _, variable in pairs])
    unknown = [v.name for _, v in pairs if not any(v is known for known in self._trainable)]
    if unknown:
        raise ValueError(f"Unknown variable: {unknown}.")
    pairs = [(gradient, variable) for gradient, variable in pairs if gradient is not None]
    if not pairs:
        raise ValueError("No gradients provided for any variable.")
    self._iterations.assign_add(1)
    rate = self._learning_rate()
    for gradient, variable in pairs:
        index = next(i for i, known in enumerate(self._trainable) if known is variable)
        self._update(variable, np.asarray(convert_to_numpy(gradient), dtype=variable.dtype), rate, index)
    return self._iterations


api = counter_edited(apply_gradients, method_of="Optimizer")
