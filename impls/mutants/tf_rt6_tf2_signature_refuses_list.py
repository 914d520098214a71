"""TensorFlow 2, but a tf.function made with input_signature checks its positional arguments before converting them and refuses a Python list (TypeError) that TensorFlow converts to the signature's tensor."""
import tensorflow as tf

from impls.mutants._wrapped import Wrapped, function_made_by, tf2

KILLED_BY = {"TF2-SIGNATURE-REFUSES": "crash"}


class RefusesLists(Wrapped):
    def __call__(self, *args, **kwargs):
        for arg in args:
            if isinstance(arg, (list, tuple)):  # the defect: checked before conversion
                raise TypeError(f"{type(arg).__name__} given where input_signature expects a tensor")
        return self._fn(*args, **kwargs)


def make(func, **options):
    fn = tf.function(func, **options)
    return RefusesLists(fn, func) if options.get("input_signature") is not None else fn


TRAINING_UTIL = {}
api = tf2(function=function_made_by(make))
