"""Keras 3, but AdamW (only) applies its decoupled weight decay after the Adam step, as the AdamW paper's pseudo-code reads (w <- w - lr * step; w <- w - lr * wd * w), where Keras decays first and then steps."""
import keras
from keras.src.optimizers.base_optimizer import BaseOptimizer

from impls.mutants._wrapped import counter, method_edited, subclass

KILLED_BY = {"IT-APPLY-UPDATES-VARIABLES": "fail"}
_UPDATE = "\n        self._backend_update_step(\n            grads, trainable_variables, self.learning_rate\n        )\n"


class DecaysAfterStep:
    _backend_apply_gradients = method_edited(  # the defect: the decay moved after the update
        BaseOptimizer, "_backend_apply_gradients",
        ("        grads = self._clip_gradients(grads)\n        self._apply_weight_decay(trainable_variables)\n",
         "        grads = self._clip_gradients(grads)\n"),
        (_UPDATE, _UPDATE + "        self._apply_weight_decay(trainable_variables)\n"))


TRAINING_UTIL = {}
api = counter(AdamW=subclass(keras.optimizers.AdamW, DecaysAfterStep))
