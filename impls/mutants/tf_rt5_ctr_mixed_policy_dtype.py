"""Keras 3, but under a global mixed-precision policy (keras.mixed_precision.set_global_policy('mixed_float16')) `iterations` is created with the policy's variable dtype (float32) instead of dtype='int'."""
import keras

from impls.mutants._wrapped import ChoosesIterations, counter, keras_optimizers_with

KILLED_BY = {"IT-CREATE-SCALAR-INT": "fail"}


class PolicyDtypeCounter(ChoosesIterations):
    def choose_iterations(self, created):
        policy = keras.mixed_precision.global_policy()
        if policy.name == "float32":
            return created
        with keras.name_scope(self.name, caller=self):  # the defect: the policy's dtype
            return keras.Variable(0, name="iteration", dtype=policy.variable_dtype, trainable=False,
                                  aggregation="only_first_replica")


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, PolicyDtypeCounter))
