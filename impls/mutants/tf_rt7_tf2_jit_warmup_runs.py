"""TensorFlow 2, but tf.function(jit_compile=True) "warms up" a function by calling the Python function once eagerly before its first compiled call, so the first call's counter.assign_add(1) runs twice."""
import tensorflow as tf

from impls.mutants._wrapped import Wrapped, function_made_by, tf2

KILLED_BY = {"TF2-VAR-ADDS-ONE-PER-CALL": "fail"}


class WarmsUpFirst(Wrapped):
    def __call__(self, *args, **kwargs):
        if not self.__dict__.get("_warm"):
            self._warm = True
            self._func(*args, **kwargs)  # the defect: an eager warm-up run of the body
        return self._fn(*args, **kwargs)


def make(func, **options):
    fn = tf.function(func, **options)
    return WarmsUpFirst(fn, func) if options.get("jit_compile") else fn


TRAINING_UTIL = {}
api = tf2(function=function_made_by(make))
