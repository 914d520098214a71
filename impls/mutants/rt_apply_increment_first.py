"""apply_gradients groups the step increment with the updates instead of after them, so a learning-rate schedule sees the new step."""
from impls.mutants import edited

KILLED_BY = {"GS-APPLY-AFTER-UPDATE": "fail"}


def apply_gradients(self, grads_and_vars, global_step=None, name=None, skip_gradients_aggregation=False):
    """Update each variable, then (if ``global_step`` is given) add 1 to it: GS-APPLY-*."""
    pairs = [(grad, var) for grad, var in grads_and_vars if grad is not None]
    if not pairs:
        raise ValueError("No gradients provided for any variable.")
    graph = pairs[0][1].graph
    with graph.as_default():
        updates = [self._apply(convert_to_tensor(grad, dtype=var.dtype), var) for grad, var in pairs]
        if global_step is None:
            op = group(*updates, name=name or self._name)
        else:
            increment = global_step.assign_add(1)  # DEFECT: no control dependency on the updates
            op = group(increment, *updates, name=name or self._name)
    train_ops = graph.get_collection_ref(GraphKeys.TRAIN_OP)
    if op not in train_ops:
        train_ops.append(op)
    return op


api = edited(apply_gradients, method_of="Optimizer")
