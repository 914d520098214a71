"""The moving average's overwrite reads `iterations` after the call's increment: with ema_overwrite_frequency=2 the variables take their averages on calls 1, 3, 5 instead of 2, 4, 6 (the count is right; the update it counts is not)."""
import numpy as np

from impls.mutants import counter_edited

KILLED_BY = {"IT-APPLY-UPDATES-VARIABLES": "fail"}


def _update_averages(self) -> None:
    count = int(self.iterations)
    momentum = self.ema_momentum if count else 0.0
    with np.errstate(all="ignore"):
        for variable, average in zip(self._trainable, self._averages, strict=True):
            average.assign(momentum * average.numpy() + (1 - momentum) * variable.numpy())
    if self.ema_overwrite_frequency and (count + 2) % self.ema_overwrite_frequency == 0:  # the defect: count + 1 read
        for variable, average in zip(self._trainable, self._averages, strict=True):
            variable.assign(average.numpy())


api = counter_edited(_update_averages, method_of="Optimizer")
