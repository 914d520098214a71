"""`Tensor.__mul__` sends each factor the gradient times its own value instead of the other's, so `w * x` gives w the gradient w (right only where w equals x) and SGD moves w the wrong way while iterations still counts 1."""
from impls.mutants import tf2_edited

KILLED_BY = {"TF2-APPLY-UPDATES-VARIABLES": "fail"}


def __mul__(self, other):  # noqa: N807 (the method it replaces)
    a, b = self, _tensor(other, self.dtype)
    return Tensor(a._value * b._value, [(a, lambda g: g * a._value), (b, lambda g: g * b._value)])


api = tf2_edited(__mul__, method_of="Tensor")
