"""Keras 3, but optimizers made with the same explicit name= share one `iterations` variable (the counter is looked up in a name-keyed registry, as v1 get_variable reuse would), so applying one moves the other's count."""
import weakref

import keras

from impls.mutants._wrapped import ChoosesIterations, counter, keras_optimizers_with

KILLED_BY = {"IT-INSTANCES-INDEPENDENT": "fail"}
_BY_NAME = weakref.WeakValueDictionary()


class SharedByName(ChoosesIterations):
    def __init__(self, *args, **kwargs):
        self.__dict__["_named"] = kwargs.get("name") is not None
        super().__init__(*args, **kwargs)

    def choose_iterations(self, created):
        if not self.__dict__["_named"]:
            return created
        return _BY_NAME.setdefault(self.name, created)  # the defect: the same-named optimizer's counter


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, SharedByName))
