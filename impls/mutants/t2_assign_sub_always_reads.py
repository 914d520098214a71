"""`Variable.assign_sub` returns the variable even with `read_value=False` (TensorFlow returns None there), so code that branches on the result, as a v1 port of a train op does, takes the wrong branch."""
from impls.mutants import text_edited

KILLED_BY = {"TF2-VAR-UPDATES": "fail"}

api = text_edited("tf2", "            self.assign(self.numpy() - np.asarray(delta))\n        return self if read_value else None",
                  "            self.assign(self.numpy() - np.asarray(delta))\n        return self")
