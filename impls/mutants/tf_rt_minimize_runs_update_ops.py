"""TensorFlow, but minimize wraps the train op in control_dependencies(get_collection(UPDATE_OPS)) for the user (the tf-slim/Keras batch-norm convenience), so running it also runs every update op in the graph and changes variables outside var_list."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-ONLY-VAR-LIST": "fail"}


class RunsUpdateOps:
    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=1, aggregation_method=None,
                 colocate_gradients_with_ops=False, name=None, grad_loss=None):
        update_ops = tf1.get_collection(tf1.GraphKeys.UPDATE_OPS)
        with tf1.control_dependencies(update_ops):
            return super().minimize(loss, global_step=global_step, var_list=var_list,
                                    gate_gradients=gate_gradients, aggregation_method=aggregation_method,
                                    colocate_gradients_with_ops=colocate_gradients_with_ops, name=name,
                                    grad_loss=grad_loss)


#: No training_util function changes, so TensorFlow's own training_util_test cannot see it.
TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, RunsUpdateOps))
