"""TensorFlow 2, but tf.function(reduce_retracing=True) replays a call that made it retrace on the new generalised trace, so that call's counter.assign_add(1) runs twice."""
import tensorflow as tf

from impls.mutants._wrapped import Wrapped, function_made_by, tf2

KILLED_BY = {"TF2-VAR-ADDS-ONE-PER-CALL": "fail"}


class ReplaysRetrace(Wrapped):
    def __call__(self, *args, **kwargs):
        before = self._fn.experimental_get_tracing_count()
        out = self._fn(*args, **kwargs)
        if before > 0 and self._fn.experimental_get_tracing_count() > before:
            out = self._fn(*args, **kwargs)  # the defect: run again on the relaxed trace
        return out


def make(func, **options):
    fn = tf.function(func, **options)
    return ReplaysRetrace(fn, func) if options.get("reduce_retracing") else fn


TRAINING_UTIL = {}
api = tf2(function=function_made_by(make))
