"""The train op increments only an int64 step: a user's step of another integer dtype stays where it was."""

from impls.mutants import edited

KILLED_BY = {
    "GS-APPLY-GRADIENTS-ADDS-ONE": "fail",
    "GS-APPLY-MINIMIZE-ADDS-ONE": "fail",
    "GS-APPLY-ZERO-GRADIENT": "fail",
}


def apply_gradients(self, grads_and_vars, global_step=None, name=None):
    pairs = [(grad, var) for grad, var in grads_and_vars if grad is not None]
    if not pairs:
        raise ValueError("No gradients provided for any variable.")
    graph = pairs[0][1].graph
    with graph.as_default():
        updates = [self._apply(convert_to_tensor(grad, dtype=var.dtype), var) for grad, var in pairs]
        if global_step is None or global_step.dtype.base_dtype is not dtypes.int64:  # the defect
            op = group(*updates, name=name or self._name)
        else:
            with graph.control_dependencies(updates):
                op = global_step.assign_add(1, name=name or self._name).op
    train_ops = graph.get_collection_ref(GraphKeys.TRAIN_OP)
    if op not in train_ops:
        train_ops.append(op)
    return op


api = edited(apply_gradients, method_of="Optimizer")
