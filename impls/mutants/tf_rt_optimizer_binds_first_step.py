"""TensorFlow, but an optimizer binds itself to the first global_step it is given (like a Keras `iterations` counter) and increments that one on every later apply_gradients/minimize, whatever global_step= says: one optimizer driving two counters (GAN-style, or reused in a second graph) moves only the first."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class BindsFirstStep:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        if global_step is not None:
            if getattr(self, "_bound_step", None) is None:
                self._bound_step = global_step
            global_step = self._bound_step
        return super().apply_gradients(grads_and_vars, global_step=global_step, name=name, **kwargs)


#: No training_util function changes, so TensorFlow's own training_util_test cannot see it.
TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, BindsFirstStep))
