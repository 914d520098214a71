"""Keras 3, but a LossScaleOptimizer given dynamic_growth_steps explicitly exposes its own growth-aware step counter as `iterations` (kept equal to the inner count after each apply, but a different object)."""
import keras

from impls.mutants._wrapped import counter, subclass

KILLED_BY = {"IT-LOSS-SCALE-SHARES-COUNTER": "fail"}
_UNSET = object()


class OwnCounter:
    def __init__(self, inner_optimizer, initial_scale=2.0**15, dynamic_growth_steps=_UNSET, **kwargs):
        explicit = dynamic_growth_steps is not _UNSET
        super().__init__(inner_optimizer, initial_scale=initial_scale,
                         dynamic_growth_steps=dynamic_growth_steps if explicit else 2000, **kwargs)
        if explicit:  # the defect: a counter of its own
            self.__dict__["_own"] = keras.Variable(0, name="iteration", dtype="int", trainable=False)

    @property
    def iterations(self):
        own = self.__dict__.get("_own")
        return super().iterations if own is None else own

    def apply_gradients(self, grads_and_vars):
        out = super().apply_gradients(grads_and_vars)
        if "_own" in self.__dict__:
            self._own.assign(self.inner_optimizer.iterations)
        return out


TRAINING_UTIL = {}
api = counter(LossScaleOptimizer=subclass(keras.optimizers.LossScaleOptimizer, OwnCounter))
