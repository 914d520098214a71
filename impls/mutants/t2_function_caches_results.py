"""`function` treats the body as pure: a call with the same arguments as the one before returns the cached result without running, so the step does not count."""
import numpy as np

from impls.mutants import tf2_edited

KILLED_BY = {"TF2-VAR-ADDS-ONE-PER-CALL": "fail"}


def __call__(self, *args, **kwargs):  # noqa: N807 (the method it replaces)
    key = repr([np.asarray(a).tolist() for a in args]) + repr(sorted(kwargs.items()))
    last = vars(self).get("_last")
    if last is not None and last[0] == key:
        return last[1]
    result = self.python_function(*args, **kwargs)
    self._last = (key, result)
    return result


api = tf2_edited(__call__, method_of="Function")
