"""`Variable.assign_add` returns the value it read for the add (the op's input, fetch-and-add style) instead of the updated variable, so `after = counter.assign_add(1)` sees the count before the increment; the variable itself is updated correctly."""
from impls.mutants import tf2_edited

KILLED_BY = {"TF2-VAR-READ-BEFORE-INCREMENT": "fail"}


def assign_add(self, delta):
    before = self.read_value()
    keras.Variable.assign_add(self, np.asarray(delta))
    return before


api = tf2_edited(assign_add, method_of="Variable")
