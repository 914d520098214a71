"""`Tensor.__mul__` sends each factor the gradient times its own value instead of the other's, so `w * x` gives w the gradient w (right only where w equals x) and SGD moves w the wrong way while iterations still counts 1."""
from impls.mutants import text_edited

KILLED_BY = {"TF2-APPLY-UPDATES-VARIABLES": "fail"}

api = text_edited("tf2", "[(a, lambda g: g * b._value), (b, lambda g: g * a._value)]",
                  "[(a, lambda g: g * a._value), (b, lambda g: g * b._value)]")
