"""Every optimizer instance shares one class-level `iterations` (a module-global step, as v1 kept one per graph)."""
from impls.mutants import counter_edited

KILLED_BY = {"IT-INSTANCES-INDEPENDENT": "fail"}


def _make_counter(self):
    if "_shared" not in Optimizer.__dict__:
        Optimizer._shared = Variable(0, dtype="int64", trainable=False, name="iteration")
    return Optimizer._shared


api = counter_edited(_make_counter, method_of="Optimizer")
