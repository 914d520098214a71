"""`tf.Module.variables` looks into attributes, lists, tuples and submodules but not dicts, so a variable kept in a dict (a common model layout) is neither saved with the module nor trained."""
from impls.mutants import tf2_edited

KILLED_BY = {"TF2-MODULE-TRAINABLE": "fail"}


def _find_variables(obj, seen: set) -> list:
    if id(obj) in seen:
        return []
    seen.add(id(obj))
    if isinstance(obj, keras.Variable):
        return [obj]
    if isinstance(obj, (list, tuple)):
        return [v for item in obj for v in _find_variables(item, seen)]
    if isinstance(obj, Module):
        return [v for key, item in vars(obj).items() if key != "_name" for v in _find_variables(item, seen)]
    return []


api = tf2_edited(_find_variables)
