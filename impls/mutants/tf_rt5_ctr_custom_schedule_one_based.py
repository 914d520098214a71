"""Keras 3, but a user's LearningRateSchedule subclass (not one of Keras's own) is called with iterations + 1 (a 1-based step, as in Lightning), so during the (n+1)-th call it sees n + 1."""
import keras

from impls.mutants._wrapped import counter, keras_optimizers_with

KILLED_BY = {"IT-APPLY-AFTER-UPDATE": "fail"}


class UserScheduleOneBased:
    def _get_current_learning_rate(self):
        rate = self._learning_rate
        if (isinstance(rate, keras.optimizers.schedules.LearningRateSchedule)
                and not type(rate).__module__.startswith("keras.")):
            return rate(self._iterations + 1)  # the defect
        return super()._get_current_learning_rate()


TRAINING_UTIL = {}
api = counter(**keras_optimizers_with(keras.optimizers, UserScheduleOneBased))
