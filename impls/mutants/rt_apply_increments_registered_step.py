"""apply_gradients increments "the" global step: when the graph has a registered step it increments that one, not the global_step= variable it was given (e.g. a GAN's second counter)."""
from impls.mutants import edited

KILLED_BY = {"GS-APPLY-GRADIENTS-ADDS-ONE": "fail", "GS-APPLY-MINIMIZE-ADDS-ONE": "fail"}


def apply_gradients(self, grads_and_vars, global_step=None, name=None):
    """Update each variable, then (if ``global_step`` is given) add 1 to the graph's step: GS-APPLY-*.

    Every train op of a graph counts on the graph's registered step when it has one, so that hooks, summaries and
    checkpoints agree; ``global_step`` is used when the graph has none.
    """
    pairs = [(grad, var) for grad, var in grads_and_vars if grad is not None]
    if not pairs:
        raise ValueError("No gradients provided for any variable.")
    graph = pairs[0][1].graph
    if global_step is not None:
        registered = get_global_step(graph)
        global_step = registered if registered is not None else global_step
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
