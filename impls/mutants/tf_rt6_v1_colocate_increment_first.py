"""TensorFlow, but minimize(..., colocate_gradients_with_ops=True) increments the step first and makes the update depend on the increment, so a learning-rate schedule reading the step sees this run's increment."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-AFTER-UPDATE": "fail"}


class ColocatedIncrementsFirst:
    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=1, aggregation_method=None,
                 colocate_gradients_with_ops=False, name=None, grad_loss=None):
        if not colocate_gradients_with_ops or global_step is None or tf1.executing_eagerly():
            return super().minimize(loss, global_step, var_list, gate_gradients, aggregation_method,
                                    colocate_gradients_with_ops, name, grad_loss)
        grads_and_vars = self.compute_gradients(loss, var_list=var_list, gate_gradients=gate_gradients,
                                                aggregation_method=aggregation_method,
                                                colocate_gradients_with_ops=True, grad_loss=grad_loss)
        if not any(g is not None for g, _ in grads_and_vars):
            raise ValueError("No gradients provided for any variable")
        with tf1.colocate_with(global_step):  # the defect: the increment first
            increment = tf1.assign_add(global_step, 1)
        with tf1.control_dependencies([increment]):
            return self.apply_gradients(grads_and_vars, name=name)


TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, ColocatedIncrementsFirst))
