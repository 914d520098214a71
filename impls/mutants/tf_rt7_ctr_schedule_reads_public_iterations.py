"""Keras 3, but a learning-rate schedule is called with the public `iterations` (the number of updates, k // n under gradient_accumulation_steps=n) instead of the raw counter of calls, so under accumulation the schedule moves n times later."""
import keras

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-APPLY-UPDATES-VARIABLES": "fail"}


class ScheduleReadsPublicCount:
    def _get_current_learning_rate(self):
        if isinstance(self._learning_rate, keras.optimizers.schedules.LearningRateSchedule):
            return self._learning_rate(self.iterations)  # the defect: not self._iterations
        return super()._get_current_learning_rate()


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, ScheduleReadsPublicCount))
