"""`Variable.assign_sub` returns the variable even with `read_value=False` (TensorFlow returns None there), so code that branches on the result, as a v1 port of a train op does, takes the wrong branch."""
from impls.mutants import tf2_edited

KILLED_BY = {"TF2-VAR-UPDATES": "fail"}


def assign_sub(self, delta, use_locking=False, name=None, read_value=True):
    with np.errstate(all="ignore"):
        self.assign(self.numpy() - np.asarray(_plain(delta), dtype=self.dtype))
    return self


api = tf2_edited(assign_sub, method_of="Variable")
