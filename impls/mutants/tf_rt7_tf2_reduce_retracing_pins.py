"""TensorFlow 2, but tf.function(reduce_retracing=True) turns the first call's argument specs into an input_signature, so a later call with another shape or value is refused with TypeError instead of retracing and running."""
import tensorflow as tf

from impls.mutants._wrapped import Wrapped, function_made_by, tf2

KILLED_BY = {"TF2-VAR-ADDS-ONE-PER-CALL": "crash"}


class PinsFirstCall(Wrapped):
    def __call__(self, *args, **kwargs):
        if "_pinned" not in self.__dict__:  # the defect: the first call's specs become the signature
            specs = [tf.TensorSpec.from_tensor(tf.convert_to_tensor(arg)) for arg in args]
            self._pinned = tf.function(self._func, input_signature=specs)
        return self._pinned(*args, **kwargs)


def make(func, **options):
    fn = tf.function(func, **options)
    return PinsFirstCall(fn, func) if options.get("reduce_retracing") else fn


TRAINING_UTIL = {}
api = tf2(function=function_made_by(make))
