"""`tf.Module.variables` looks into attributes, lists, tuples and submodules but not dicts, so a variable kept in a dict (a common model layout) is neither saved with the module nor trained."""
from impls.mutants import text_edited

KILLED_BY = {"TF2-MODULE-TRAINABLE": "fail"}

api = text_edited("tf2", "    if isinstance(obj, dict):\n", "    if False:\n")
