"""apply_gradients registers the global_step= variable it is given in GLOBAL_STEP (so hooks can find it), so a second counter makes two entries and the graph's step is no longer found."""
from impls.mutants import edited

KILLED_BY = {"GS-GET-FINDS-STEP": "crash", "GS-GET-NONE-FRESH": "fail"}


def apply_gradients(self, grads_and_vars, global_step=None, name=None):
    """Update each variable, then (if ``global_step`` is given) add 1 to it: GS-APPLY-*.

    The step is registered in GLOBAL_STEP (once) so that hooks and savers find the counter this op increments.
    """
    pairs = [(grad, var) for grad, var in grads_and_vars if grad is not None]
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
            steps = graph.get_collection_ref(GraphKeys.GLOBAL_STEP)
            if not any(s is global_step for s in steps):
                steps.append(global_step)
    train_ops = graph.get_collection_ref(GraphKeys.TRAIN_OP)
    if op not in train_ops:
        train_ops.append(op)
    return op


api = edited(apply_gradients, method_of="Optimizer")
