"""TensorFlow 2, but tf.GradientTape.gradient always returns a list, even when sources is a single variable (where TF returns the bare gradient, matching the structure of sources)."""
import tensorflow as tf

from impls.mutants._wrapped import tf2

KILLED_BY = {"TF2-VAR-ADDS-ONE-PER-CALL": "crash"}


class GradientTape(tf.GradientTape):
    def gradient(self, target, sources, output_gradients=None,
                 unconnected_gradients=tf.UnconnectedGradients.NONE):
        if isinstance(sources, tf.Variable) or tf.is_tensor(sources):
            sources = [sources]  # the defect
        return super().gradient(target, sources, output_gradients=output_gradients,
                                unconnected_gradients=unconnected_gradients)


TRAINING_UTIL = {}
api = tf2(GradientTape=GradientTape)
