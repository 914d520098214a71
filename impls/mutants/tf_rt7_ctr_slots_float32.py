"""Keras 3, but every optimizer variable made from a trained variable (momentum, accumulators, moving averages) is float32 "for numerical stability", whatever that variable's dtype: float16 and float64 variables get float32 slots."""
import keras

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-STATE-NOT-TRAINABLE": "crash"}


class Float32Slots:
    def add_variable_from_reference(self, reference_variable, name=None, initializer="zeros"):
        self.__dict__["_from_reference"] = True
        try:
            return super().add_variable_from_reference(reference_variable, name=name, initializer=initializer)
        finally:
            self.__dict__["_from_reference"] = False

    def add_variable(self, *args, **kwargs):
        if self.__dict__.get("_from_reference"):
            kwargs["dtype"] = "float32"  # the defect: not the reference variable's dtype
        return super().add_variable(*args, **kwargs)


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, Float32Slots))
