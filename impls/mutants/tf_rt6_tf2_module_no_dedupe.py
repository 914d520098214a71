"""TensorFlow 2, but tf.Module.variables / trainable_variables walk the attributes without de-duplicating, so a variable reachable from two attributes (self.step and self.counters = [self.step]) is listed twice."""
import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-MODULE-TRAINABLE": "fail"}


def _walk(obj, out, seen_modules):
    if isinstance(obj, tf.Variable):
        out.append(obj)  # the defect: no check that it is listed already
    elif isinstance(obj, tf.Module):
        if id(obj) in seen_modules:
            return
        seen_modules.add(id(obj))
        for key in sorted(vars(obj)):
            if key not in getattr(obj, "_TF_MODULE_IGNORED_PROPERTIES", ()):
                _walk(vars(obj)[key], out, seen_modules)
    elif isinstance(obj, dict):
        for key in sorted(obj, key=str):
            _walk(obj[key], out, seen_modules)
    elif isinstance(obj, (list, tuple)):
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
