"""TensorFlow, but optimizers drop global_step in minimize and apply_gradients (BERT's AdamW did this)."""

import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with

KILLED_BY = {
    "GS-APPLY-MINIMIZE-ADDS-ONE": "fail",
    "GS-APPLY-GRADIENTS-ADDS-ONE": "fail",
    "GS-EXAMPLE-SEED-PAGE": "fail",
}


class DropsStep:
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        return super().apply_gradients(grads_and_vars, None, name, **kwargs)


TRAINING_UTIL = {}  # the defect is in optimizer.py, which training_util_test.py does not exercise
api = mutate(tf1, train=optimizers_with(tf1, DropsStep))
