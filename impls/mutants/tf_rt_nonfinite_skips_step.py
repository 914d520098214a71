"""TensorFlow, but optimizers carry a loss-scaling style guard (as TF's own v1 LossScaleOptimizer does): when any gradient is NaN or Inf the whole apply, global-step increment included, is skipped, so an overflowing run does not count."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class SkipNonFinite:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        grads_and_vars = list(grads_and_vars)
        checks = []
        for g, _ in grads_and_vars:
            if g is None:
                continue
            values = g.values if isinstance(g, tf1.IndexedSlices) else g
            checks.append(tf1.reduce_all(tf1.is_finite(values)))
        if not checks:
            return super().apply_gradients(grads_and_vars, global_step=global_step, name=name, **kwargs)
        all_finite = tf1.reduce_all(tf1.stack(checks))

        def apply():
            with tf1.control_dependencies([super(SkipNonFinite, self).apply_gradients(
                    grads_and_vars, global_step=global_step, name=name, **kwargs)]):
                return tf1.constant(True)

        return tf1.cond(all_finite, apply, lambda: tf1.constant(False)).op


#: No training_util function changes, so TensorFlow's own training_util_test cannot see it.
TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, SkipNonFinite))
