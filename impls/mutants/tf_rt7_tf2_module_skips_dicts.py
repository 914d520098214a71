"""TensorFlow 2, but tf.Module.variables / trainable_variables walk attributes, lists, tuples and submodules with a hand-written recursion that forgets dicts, so variables kept in a dict attribute are not listed."""
import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-MODULE-TRAINABLE": "fail"}


def _walk(obj, out, seen_modules):
    if isinstance(obj, tf.Variable):
        if not any(obj is listed for listed in out):
            out.append(obj)
    elif isinstance(obj, tf.Module):
        if id(obj) in seen_modules:
            return
        seen_modules.add(id(obj))
        for key in sorted(vars(obj)):
            if key not in getattr(obj, "_TF_MODULE_IGNORED_PROPERTIES", ()):
                _walk(vars(obj)[key], out, seen_modules)
    elif isinstance(obj, (list, tuple)):  # the defect: no dict branch
        for item in obj:
            _walk(item, out, seen_modules)


class Module(tf.Module):
    @property
    def variables(self):
        out = []
        _walk(self, out, set())
        return tuple(out)

    @property
    def trainable_variables(self):
        return tuple(v for v in self.variables if v.trainable)


TRAINING_UTIL = {}
api = tf2(Module=Module)
