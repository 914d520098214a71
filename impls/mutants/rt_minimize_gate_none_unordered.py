"""minimize(..., gate_gradients=GATE_NONE) reads "no gating" as "no ordering" and groups the step increment with the apply op, increment first, so a schedule sees the new step."""
from impls.mutants import edited

KILLED_BY = {"GS-APPLY-AFTER-UPDATE": "fail"}


def minimize(self, loss, global_step=None, var_list=None, gate_gradients=1, aggregation_method=None,
             colocate_gradients_with_ops=False, name=None, grad_loss=None):
    """``apply_gradients(compute_gradients(loss, var_list), global_step, name)``: TensorFlow's signature.

    GATE_NONE asks for maximum parallelism: nothing is serialised, not even the step increment.
    """
    pairs = self.compute_gradients(loss, var_list, gate_gradients, aggregation_method,
                                   colocate_gradients_with_ops, grad_loss)
    if all(grad is None for grad, _ in pairs):
        raise ValueError(f"No gradients provided for any variable, check your graph: {pairs}")
    if gate_gradients == Optimizer.GATE_NONE and global_step is not None:
        increment = global_step.assign_add(1).op
        return group(increment, self.apply_gradients(pairs, name=name), name=name or self._name)
    return self.apply_gradients(pairs, global_step=global_step, name=name)


api = edited(minimize, method_of="Optimizer")
