"""`Tensor.__rsub__` is written like `__radd__` (a copy of the reflected add), so `number - tensor` computes `tensor - number`: the page's `x * 5 - x * v` at a Python x = 3 gives v the gradient +3 and v ends at 2.97, while the count still goes 0 -> 1 (a tensor x is right)."""
from impls.mutants import tf2_edited

KILLED_BY = {"TF2-EXAMPLE-MIGRATED": "fail"}


def __rsub__(self, other):  # noqa: N807 (the method it replaces)
    return self.__sub__(other)


api = tf2_edited(__rsub__, method_of="Tensor")
