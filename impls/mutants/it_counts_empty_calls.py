"""apply_gradients counts a call before it looks at the pairs, so a call with no pair or only None gradients still adds one before it raises."""
import numpy as np

from impls.mutants import counter_edited

KILLED_BY = {"IT-APPLY-NOTHING-NO-COUNT": "fail"}


def apply_gradients(self, grads_and_vars):
    pairs = list(grads_and_vars)
    self._iterations.assign_add(1)  # "one call, one step"
    if not pairs:
        raise ValueError("apply_gradients needs at least one (gradient, variable) pair; got none")
    self.build([variable for _, variable in pairs])
    unknown = [v.name for _, v in pairs if not any(v is known for known in self._trainable)]
    if unknown:
        self._iterations.assign_add(-1)
        raise ValueError(f"Unknown variable: {unknown}.")
    pairs = [(gradient, variable) for gradient, variable in pairs if gradient is not None]
    if not pairs:
        raise ValueError("No gradients provided for any variable.")
    rate = self._learning_rate() if not callable(self.learning_rate) else float(
        self.learning_rate(int(self._iterations) - 1))
    for gradient, variable in pairs:
        index = next(i for i, known in enumerate(self._trainable) if known is variable)
        self._update(variable, np.asarray(convert_to_numpy(gradient), dtype=variable.dtype), rate, index)
    return self._iterations


api = counter_edited(apply_gradients, method_of="Optimizer")
