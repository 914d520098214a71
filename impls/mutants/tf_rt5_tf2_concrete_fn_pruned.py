"""TensorFlow 2, but Function.get_concrete_function builds a v1-style wrap_function (pruned to its outputs, no automatic control dependencies), so a counter.assign_add(1) that is not an output never runs when the concrete function is called."""
import inspect

import tensorflow as tf

from impls.mutants._wrapped import Wrapped, function_made_by, tf2

KILLED_BY = {"TF2-VAR-ADDS-ONE-PER-CALL": "fail"}


class Pruned(Wrapped):
    def get_concrete_function(self, *args, **kwargs):
        if not args and not kwargs and self._fn.input_signature is not None:
            args = tuple(self._fn.input_signature)
        bound = inspect.signature(self._func).bind_partial(*args, **kwargs)
        bound.apply_defaults()
        traced = {name: value for name, value in bound.arguments.items()
                  if isinstance(value, (tf.TensorSpec, tf.Tensor, tf.Variable))}
        constants = {name: value for name, value in bound.arguments.items() if name not in traced}
        names = list(traced)

        def body(*tensors):
            return self._func(**constants, **dict(zip(names, tensors, strict=True)))

        specs = [v if isinstance(v, tf.TensorSpec) else tf.TensorSpec(v.shape, v.dtype) for v in traced.values()]
        pruned = tf.compat.v1.wrap_function(body, specs)  # the defect: v1 graph semantics, pruned to the outputs

        def concrete(*args, **kwargs):
            values = {**dict(zip(names, args, strict=False)), **kwargs}
            return pruned(*(values[name] for name in names))

        return concrete


TRAINING_UTIL = {}
api = tf2(function=function_made_by(lambda func, **options: Pruned(tf.function(func, **options), func)))
