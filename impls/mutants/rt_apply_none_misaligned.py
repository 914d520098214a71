"""apply_gradients drops None gradients from the gradient list but not from the variable list, so later gradients go to the wrong variables."""
from impls.mutants import edited

KILLED_BY = {"GS-APPLY-UPDATES-VARIABLES": "fail"}


def apply_gradients(self, grads_and_vars, global_step=None, name=None):
    """Update each variable, then (if ``global_step`` is given) add 1 to it: GS-APPLY-*."""
    grads_and_vars = list(grads_and_vars)
    grads = [grad for grad, _ in grads_and_vars if grad is not None]
    variables = [var for _, var in grads_and_vars]  # DEFECT: should skip the same (None) entries
    pairs = list(zip(grads, variables))  # noqa: B905 - the defect
    if not pairs:
        raise ValueError("No gradients provided for any variable.")
    graph = pairs[0][1].graph
    with graph.as_default():
        updates = [self._apply(convert_to_tensor(grad, dtype=var.dtype), var) for grad, var in pairs]
        if global_step is None:
            op = group(*updates, name=name or self._name)
        else:
            with graph.control_dependencies(updates):
                op = global_step.assign_add(1, name=name or self._name).op
    train_ops = graph.get_collection_ref(GraphKeys.TRAIN_OP)
    if op not in train_ops:
        train_ops.append(op)
    return op


api = edited(apply_gradients, method_of="Optimizer")
