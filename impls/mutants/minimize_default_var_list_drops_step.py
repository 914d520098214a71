"""minimize(loss, global_step) drops the step when var_list is omitted (the TRAINABLE_VARIABLES default)."""

from impls.mutants import edited

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail"}


def minimize(self, loss, global_step=None, var_list=None, gate_gradients=1, aggregation_method=None,
             colocate_gradients_with_ops=False, name=None, grad_loss=None):
    pairs = self.compute_gradients(loss, var_list, gate_gradients, aggregation_method,
                                   colocate_gradients_with_ops, grad_loss)
    if all(grad is None for grad, _ in pairs):
        raise ValueError(f"No gradients provided for any variable, check your graph: {pairs}")
    return self.apply_gradients(pairs, global_step=global_step if var_list is not None else None, name=name)


api = edited(minimize, method_of="Optimizer")
