"""Keras 3, but the optimizer keeps its own Python count and mirrors it into `iterations` after each counted apply, so a value the user assigned to iterations (opt.iterations.assign(n), as when resuming by hand) is overwritten by the next apply."""
import keras

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-READ-AS-NUMBER": "fail"}


class MirrorsOwnCount:
    def apply(self, grads, trainable_variables=None):
        before = int(self.iterations.numpy())
        out = super().apply(grads, trainable_variables)
        if int(self.iterations.numpy()) != before:
            self.__dict__["_own_count"] = self.__dict__.get("_own_count", 0) + 1
            self.iterations.assign(self.__dict__["_own_count"])  # the defect: the Python count wins
        return out

    def load_own_variables(self, store):
        super().load_own_variables(store)
        self.__dict__["_own_count"] = int(self.iterations.numpy())


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, MirrorsOwnCount))
