"""TensorFlow, but minimize with an explicit var_list drops the variables that got no gradient (a var_list entry the loss does not depend on) on a separate path that forgets global_step, so the step stops counting."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail"}


class ExplicitVarListFilterForgetsStep:
    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=tf1.train.Optimizer.GATE_OP,
                 aggregation_method=None, colocate_gradients_with_ops=False, name=None, grad_loss=None):
        if var_list is None:
            return super().minimize(loss, global_step, var_list, gate_gradients, aggregation_method,
                                    colocate_gradients_with_ops, name, grad_loss)
        grads_and_vars = self.compute_gradients(
            loss, var_list=var_list, gate_gradients=gate_gradients, aggregation_method=aggregation_method,
            colocate_gradients_with_ops=colocate_gradients_with_ops, grad_loss=grad_loss)
        present = [(g, v) for g, v in grads_and_vars if g is not None]
        if not present:
            raise ValueError("No gradients provided for any variable, check your graph for ops that do not "
                             f"support gradients, between variables {[str(v) for _, v in grads_and_vars]} and loss {loss}.")
        if len(present) < len(grads_and_vars):
            # the user named variables the loss does not reach: train the others (global_step not forwarded)
            return self.apply_gradients(present, name=name)
        return self.apply_gradients(grads_and_vars, global_step=global_step, name=name)


#: No training_util function changes, so TensorFlow's own training_util_test cannot see it.
TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, ExplicitVarListFilterForgetsStep))
