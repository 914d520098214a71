"""`function` traces a new input signature by running the Python body, then runs it again, and the trace's variable updates are kept: the first call with each signature counts twice."""
from impls.mutants import tf2_edited

KILLED_BY = {"TF2-VAR-ADDS-ONE-PER-CALL": "fail", "TF2-ITERATIONS-IN-FUNCTION": "fail"}


def __call__(self, *args, **kwargs):  # noqa: N807 (the method it replaces)
    signature = tuple((getattr(a, "shape", None), a if isinstance(a, (int, float)) else None) for a in args)
    traced = vars(self).setdefault("_traced", set())
    if signature not in traced:
        traced.add(signature)
        self.python_function(*args, **kwargs)  # the trace
    return self.python_function(*args, **kwargs)


api = tf2_edited(__call__, method_of="Function")
