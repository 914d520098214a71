"""TensorFlow 2, but tf.function(jit_compile=True) memoises each compiled call's outputs by input signature and replays them, so stateful ops (counter.assign_add(1)) run only on the first call per signature."""
import tensorflow as tf

from impls.mutants._wrapped import Wrapped, function_made_by, tf2

KILLED_BY = {"TF2-VAR-ADDS-ONE-PER-CALL": "fail", "TF2-VAR-CREATE-INT64": "fail"}


def signature(value):
    if isinstance(value, (tf.Tensor, tf.Variable)):
        return "tensor", tuple(value.shape), value.dtype.name
    if isinstance(value, (list, tuple)):
        return tuple(signature(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, signature(v)) for k, v in value.items()))
    try:
        hash(value)
    except TypeError:
        return id(value)
    return value


class Memoised(Wrapped):
    def __call__(self, *args, **kwargs):
        cache, key = self.__dict__.setdefault("_cache", {}), (signature(args), signature(kwargs))
        if key not in cache:  # the defect: "compiled once, replayed after"
            cache[key] = self._fn(*args, **kwargs)
        return cache[key]


def make(func, **options):
    fn = tf.function(func, **options)
    return Memoised(fn, func) if options.get("jit_compile") else fn


TRAINING_UTIL = {}
api = tf2(function=function_made_by(make))
