"""`function` keys its trace cache on the Python function's code object and input signature, not on the function object, so a second tf.function made from the same source (a step defined in a loop, a factory, a re-run test body) runs the first one's closure: its own counter and optimizer never move."""
from impls.mutants import tf2_edited

KILLED_BY = {"TF2-ITERATIONS-IN-FUNCTION": "fail", "TF2-VAR-ADDS-ONE-PER-CALL": "fail"}


def __call__(self, *args, **kwargs):  # noqa: N807 (the method it replaces)
    traces = globals().setdefault("_CONCRETE_FUNCTIONS", {})
    signature = tuple((type(a).__name__, getattr(a, "shape", None), getattr(a, "dtype", None),
                       a if isinstance(a, (bool, int, float, str)) else None) for a in args)
    key = (self.python_function.__code__, signature, tuple(sorted(kwargs)))
    concrete = traces.setdefault(key, self.python_function)
    return concrete(*args, **kwargs)


api = tf2_edited(__call__, method_of="Function")
