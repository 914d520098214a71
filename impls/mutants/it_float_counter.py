"""`iterations` is a float32 variable (torch.optim's `step` is a float tensor) instead of an integer one."""
from impls.mutants import counter_edited

KILLED_BY = {"IT-CREATE-SCALAR-INT": "fail"}


def _make_counter(self):
    return Variable(0, dtype="float32", trainable=False, name=f"{self.name}/iteration")


api = counter_edited(_make_counter, method_of="Optimizer")
