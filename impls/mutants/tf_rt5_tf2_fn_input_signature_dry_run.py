"""TensorFlow 2, but tf.function(input_signature=...) validates the signature on the first call by running the Python function eagerly once before the traced call, so the first call's counter.assign_add(1) runs twice."""
import tensorflow as tf

from impls.mutants._wrapped import Wrapped, function_made_by, tf2

KILLED_BY = {"TF2-VAR-ADDS-ONE-PER-CALL": "fail"}


class DryRunFirst(Wrapped):
    def __call__(self, *args, **kwargs):
        if not self.__dict__.get("_checked"):
            self._checked = True
            self._func(*args, **kwargs)  # the defect: an eager "signature check" that runs the body
        return self._fn(*args, **kwargs)


def make(func, **options):
    fn = tf.function(func, **options)
    return DryRunFirst(fn, func) if options.get("input_signature") is not None else fn


TRAINING_UTIL = {}
api = tf2(function=function_made_by(make))
