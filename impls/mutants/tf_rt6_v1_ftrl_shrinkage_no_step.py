"""TensorFlow, but FtrlOptimizer(l2_shrinkage_regularization_strength > 0) takes the FtrlV2 kernel path, which drops global_step, so its train op never increments the step."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


class FtrlOptimizer(tf1.train.FtrlOptimizer):
    def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
        if self._l2_shrinkage_regularization_strength > 0.0:
            global_step = None  # the defect
        return super().apply_gradients(grads_and_vars, global_step, name, **kwargs)


TRAINING_UTIL = {}
api = mutate(tf1, train={"FtrlOptimizer": FtrlOptimizer})
