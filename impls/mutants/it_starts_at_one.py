"""`iterations` starts at 1 (a 1-based step count, as Adam's bias correction reads it) instead of 0."""
from impls.mutants import counter_edited

KILLED_BY = {"IT-CREATE-AT-ZERO": "fail"}


def _make_counter(self):
    return Variable(1, dtype="int64", trainable=False, name=f"{self.name}/iteration")


api = counter_edited(_make_counter, method_of="Optimizer")
