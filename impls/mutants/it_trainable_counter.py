"""`iterations` is created with the Variable default trainable=True, so a trainer that collects trainable variables would take the counter."""
from impls.mutants import counter_edited

KILLED_BY = {"IT-CREATE-NOT-TRAINABLE": "fail"}


def _make_counter(self):
    return Variable(0, dtype="int64", name=f"{self.name}/iteration")


api = counter_edited(_make_counter, method_of="Optimizer")
