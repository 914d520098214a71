"""TensorFlow, but minimize(..., aggregation_method=X) takes a separate path (compute_gradients with the aggregation, then apply_gradients) that forgets to forward global_step, so its train op never increments the step."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail"}


class AggregationDropsStep:
    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=1, aggregation_method=None,
                 colocate_gradients_with_ops=False, name=None, grad_loss=None):
        if aggregation_method is not None:
            global_step = None  # the defect
        return super().minimize(loss, global_step, var_list, gate_gradients, aggregation_method,
                                colocate_gradients_with_ops, name, grad_loss)


TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, AggregationDropsStep))
