"""A variable made with `validate_shape=False` takes an assign of any shape (TensorFlow 2.21 keeps its shape and raises ValueError; only an unknown `shape=` lets it change), so code that relies on it works here and fails on TensorFlow."""
from impls.mutants import text_edited

KILLED_BY = {"TF2-VAR-SHAPE": "fail"}

api = text_edited("tf2", "        if isinstance(shape, TensorShape) and dims is None:\n            self._fixed = None",
                  "        if isinstance(shape, TensorShape) and dims is None or not validate_shape:\n"
                  "            self._fixed = None")
