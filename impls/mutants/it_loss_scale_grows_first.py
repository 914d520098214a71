"""A LossScaleOptimizer counts a finite call towards growth and doubles the scale before it unscales that call's gradients: with dynamic_growth_steps=1 every step is half as long as Keras 3's (this suite's own reference did it until the update's values were checked)."""
import numpy as np

from impls.mutants import counter_edited

KILLED_BY = {"IT-APPLY-UPDATES-VARIABLES": "fail"}


def apply(self, grads, trainable_variables=None):
    grads = list(grads)
    if not self.built:
        self.build(trainable_variables if trainable_variables is not None else self.inner_optimizer._trainable)
    in_a_row, scale = self._own
    present = [np.asarray(convert_to_numpy(g)) for g in grads if g is not None]
    if present and not all(np.all(np.isfinite(g)) for g in present):
        scale.assign(float(scale.numpy()) / 2)
        in_a_row.assign(0)
        return self.iterations
    in_a_row.assign(int(in_a_row.numpy()) + 1)  # the defect: the growth comes before the unscaling
    if int(in_a_row.numpy()) == self.dynamic_growth_steps:
        scale.assign(float(scale.numpy()) * 2)
        in_a_row.assign(0)
    with np.errstate(all="ignore"):
        unscaled = [None if g is None else np.asarray(convert_to_numpy(g)) / float(scale.numpy()) for g in grads]
    return self.inner_optimizer.apply(unscaled, trainable_variables)


api = counter_edited(apply, method_of="LossScaleOptimizer")
