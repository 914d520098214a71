"""With global_step, the increment waits only for the dense updates: the sparse (gather / embedding_lookup) updates are collected separately and never wired in, so they never run."""
from impls.mutants import edited

KILLED_BY = {"GS-APPLY-UPDATES-VARIABLES": "fail"}


def apply_gradients(self, grads_and_vars, global_step=None, name=None):
    """Update each variable, then (if ``global_step`` is given) add 1 to it: GS-APPLY-*.

    Dense and sparse (IndexedSlices, from gather) gradients are applied by different kernels, so their update ops
    are kept in two lists.
    """
    pairs = [(grad, var) for grad, var in grads_and_vars if grad is not None]
    if not pairs:
        raise ValueError("No gradients provided for any variable.")
    graph = pairs[0][1].graph
    with graph.as_default():
        dense_updates, sparse_updates = [], []
        for grad, var in pairs:
            is_sparse = isinstance(grad, Tensor) and grad.op.type == "ScatterNd"  # an IndexedSlices gradient
            update = self._apply(convert_to_tensor(grad, dtype=var.dtype), var)
            (sparse_updates if is_sparse else dense_updates).append(update)
        if global_step is None:
            op = group(*dense_updates, *sparse_updates, name=name or self._name)
        else:
            with graph.control_dependencies(dense_updates):
                op = global_step.assign_add(1, name=name or self._name).op
    train_ops = graph.get_collection_ref(GraphKeys.TRAIN_OP)
    if op not in train_ops:
        train_ops.append(op)
    return op


api = edited(apply_gradients, method_of="Optimizer")
