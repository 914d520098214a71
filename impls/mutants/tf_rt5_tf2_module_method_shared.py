"""TensorFlow 2, but a tf.function used as a method (a tf.Module's train step) binds to the first instance it is read on and keeps that binding, so a second module's step increments the first module's counter."""
import tensorflow as tf

from impls.mutants._wrapped import Wrapped, function_made_by, tf2

KILLED_BY = {"TF2-VAR-ADDS-ONE-PER-CALL": "fail"}


class BoundOnce(Wrapped):
    def __get__(self, instance, owner):
        if instance is None:
            return self
        if "_bound" not in self.__dict__:  # the defect: one binding kept on the decorator, not one per instance
            self._bound = self._fn.__get__(instance, owner)
        return self._bound


TRAINING_UTIL = {}
api = tf2(function=function_made_by(lambda func, **options: BoundOnce(tf.function(func, **options), func)))
