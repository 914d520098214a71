"""`read_value` returns a view that follows the variable instead of a snapshot, so a read written before `assign_add(1)` sees the count after it (a graph run without control dependencies does this)."""
from impls.mutants import tf2_edited

KILLED_BY = {"TF2-VAR-READ-BEFORE-INCREMENT": "fail"}


def read_value(self):
    for tape in _TAPES:
        if self.trainable:
            tape.watch(self)
    variable = self

    class Live(Tensor):
        _value = property(lambda _: variable._value, lambda _, value: None)

    return Live(None, variable=self)


api = tf2_edited(read_value, method_of="Variable")
