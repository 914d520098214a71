"""Keras 3, but exclude_from_weight_decay(var_names=[...]) is matched with re.match (anchored at the start of the variable's name) instead of re.search, so a fragment in the middle ("bias" in "dense_bias") does not exclude the variable and it is still weight-decayed."""
import keras

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-APPLY-UPDATES-VARIABLES": "fail"}


class AnchoredPattern:
    def _use_weight_decay(self, variable):
        if self._var_key(variable) in getattr(self, "_exclude_from_weight_decay", set()):
            return False
        pattern = getattr(self, "_exclude_from_weight_decay_pattern", None)
        if pattern is not None:
            return pattern.match(variable.name) is None  # the defect: match, not search
        return True


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, AnchoredPattern))
