"""TensorFlow 2, but a Keras optimizer made inside a tf.distribute strategy's scope gets its `iterations` through the strategy's variable creator with trainable left at its default (True)."""
import keras
import tensorflow as tf

from impls.mutants._wrapped import ChoosesIterations, keras_optimizers_with, tf2

KILLED_BY = {"TF2-STRATEGY-COUNTS-ONCE": "fail"}


class TrainableUnderStrategy(ChoosesIterations):
    def choose_iterations(self, created):
        if not tf.distribute.has_strategy():
            return created
        with keras.name_scope(self.name, caller=self):  # the defect: trainable by default
            return keras.Variable(0, name="iteration", dtype="int", aggregation="only_first_replica")


TRAINING_UTIL = {}
api = tf2(optimizers=keras_optimizers_with(tf.keras.optimizers, TrainableUnderStrategy))
