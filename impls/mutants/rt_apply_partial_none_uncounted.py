"""A run in which some variable got no gradient (None) is treated as an incomplete step: the variables that have gradients are updated but the step is not incremented."""
from impls.mutants import edited

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


def apply_gradients(self, grads_and_vars, global_step=None, name=None):
    """Update each variable, then (if ``global_step`` is given) add 1 to it: GS-APPLY-*.

    Pairs whose gradient is None are skipped; a step in which some variable got no gradient is not a complete
    training step, so it is not counted.
    """
    grads_and_vars = list(grads_and_vars)
    pairs = [(grad, var) for grad, var in grads_and_vars if grad is not None]
    if not pairs:
        raise ValueError("No gradients provided for any variable.")
    graph = pairs[0][1].graph
    with graph.as_default():
        updates = [self._apply(convert_to_tensor(grad, dtype=var.dtype), var) for grad, var in pairs]
        if global_step is None or len(pairs) < len(grads_and_vars):
            op = group(*updates, name=name or self._name)
        else:
            with graph.control_dependencies(updates):
                op = global_step.assign_add(1, name=name or self._name).op
    train_ops = graph.get_collection_ref(GraphKeys.TRAIN_OP)
    if op not in train_ops:
        train_ops.append(op)
    return op


api = edited(apply_gradients, method_of="Optimizer")
