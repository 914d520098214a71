"""A LossScaleOptimizer has a counter of its own that no apply moves, while the inner optimizer counts (keras-team/keras#20878: the wrapper's `iterations` stayed 0)."""
from impls.mutants import counter_edited

KILLED_BY = {"IT-LOSS-SCALE-SHARES-COUNTER": "fail"}


def iterations(self):
    if "_own" not in vars(self):
        self._own = Variable(0, dtype="int64", trainable=False, name=f"{self.name}/iteration")
    return self._own


api = counter_edited(iterations, method_of="LossScaleOptimizer")  # still a property
