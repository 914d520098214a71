"""minimize's "no gradients" guard uses any() instead of all(), so var_list omitted in a graph that also holds another model's variables raises."""
from impls.mutants import edited

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "crash"}


def minimize(self, loss, global_step=None, var_list=None, gate_gradients=1, aggregation_method=None,
             colocate_gradients_with_ops=False, name=None, grad_loss=None):
    """``apply_gradients(compute_gradients(loss, var_list), global_step, name)``: TensorFlow's signature."""
    pairs = self.compute_gradients(loss, var_list, gate_gradients, aggregation_method,
                                   colocate_gradients_with_ops, grad_loss)
    if any(grad is None for grad, _ in pairs):  # DEFECT: should be all()
        raise ValueError(f"No gradients provided for any variable, check your graph: {pairs}")
    return self.apply_gradients(pairs, global_step=global_step, name=name)


api = edited(minimize, method_of="Optimizer")
