"""minimize ignores var_list and trains every trainable variable (as a Keras-style "train the model" would)."""

from impls.mutants import edited

KILLED_BY = {"GS-APPLY-ONLY-VAR-LIST": "fail"}


def minimize(self, loss, global_step=None, var_list=None, gate_gradients=1, aggregation_method=None,
             colocate_gradients_with_ops=False, name=None, grad_loss=None):
    pairs = self.compute_gradients(loss, None, gate_gradients, aggregation_method,  # the defect: var_list dropped
                                   colocate_gradients_with_ops, grad_loss)
    if all(grad is None for grad, _ in pairs):
        raise ValueError(f"No gradients provided for any variable, check your graph: {pairs}")
    return self.apply_gradients(pairs, global_step=global_step, name=name)


api = edited(minimize, method_of="Optimizer")
