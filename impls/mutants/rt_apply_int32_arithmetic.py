"""The step increment is computed in int32 (cast down, +1, cast back, as TPU-friendly code does), so an int64 step at or above 2**31 - 1 jumps instead of adding 1."""
from impls.mutants import edited
from impls.reference.ops import cast

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


def apply_gradients(self, grads_and_vars, global_step=None, name=None):
    """Update each variable, then (if ``global_step`` is given) add 1 to it: GS-APPLY-*.

    The increment is done in int32 (the step is cast down, incremented and cast back), which every device supports.
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
                next_step = cast(cast(global_step, dtypes.int32) + 1, global_step.dtype)
                op = global_step.assign(next_step, name=name or self._name).op
    train_ops = graph.get_collection_ref(GraphKeys.TRAIN_OP)
    if op not in train_ops:
        train_ops.append(op)
    return op


api = edited(apply_gradients, method_of="Optimizer", imports={"cast": cast})
