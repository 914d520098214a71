"""apply_gradients turns a None gradient into zeros (JAX-style dense gradients, tf.UnconnectedGradients.ZERO) instead of dropping it, so a call whose gradients are all None applies zeros and counts a step; an empty list still raises and mixed calls still count once."""
import numpy as np

from impls.mutants import counter_edited

KILLED_BY = {"IT-APPLY-NOTHING-NO-COUNT": "fail"}


def apply_gradients(self, grads_and_vars):
    pairs = list(grads_and_vars)
    if not pairs:
        raise ValueError("apply_gradients needs at least one (gradient, variable) pair; got none")
    self.build([variable for _, variable in pairs])
    unknown = [v.name for _, v in pairs if not any(v is known for known in self._trainable)]
    if unknown:
        raise ValueError(f"Unknown variable: {unknown}. This optimizer can only be called for the variables "
                         "it was originally built with.")
    pairs = [(np.zeros(variable.shape) if gradient is None else gradient, variable) for gradient, variable in pairs]
    rate = self._learning_rate()
    for gradient, variable in pairs:
        index = next(i for i, known in enumerate(self._trainable) if known is variable)
        self._update(variable, np.asarray(convert_to_numpy(gradient), dtype=variable.dtype), rate, index)
    self._iterations.assign_add(1)
    return self._iterations


api = counter_edited(apply_gradients, method_of="Optimizer")
