"""LossScaleOptimizer.iterations returns a fresh copy of the inner optimizer's counter on each read (a read made to 'fix' keras-team/keras#20878), so its value is always right but it is never the inner optimizer's object."""
from impls.mutants import counter_edited

KILLED_BY = {"IT-LOSS-SCALE-SHARES-COUNTER": "fail"}


def iterations(self):
    inner = self.inner_optimizer.iterations
    return Variable(inner.numpy(), dtype=inner.dtype, trainable=False, name=f"{self.name}/iteration")


api = counter_edited(iterations, method_of="LossScaleOptimizer")  # still a property
