"""The step increment goes through float64 (cast, +1.0, cast back), so above 2**53 an int64 step stops advancing."""
import impls.reference as tf1
from impls.mutants import edited

# Between 2**53 and the largest int64 the count is wrong (a session computes as IEEE floats do, without warnings).
KILLED_BY = {"GS-APPLY-GRADIENTS-ADDS-ONE": "fail", "GS-APPLY-MINIMIZE-ADDS-ONE": "fail"}


def apply_gradients(self, grads_and_vars, global_step=None, name=None):
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
            with graph.control_dependencies(updates):
                # DEFECT: a backend whose "add" is float-only (JS numbers, float accumulators)
                bumped = cast(cast(global_step, dtypes.float64) + 1.0, global_step.dtype)
                op = global_step.assign(bumped, name=name or self._name).op
    train_ops = graph.get_collection_ref(GraphKeys.TRAIN_OP)
    if op not in train_ops:
        train_ops.append(op)
    return op


api = edited(apply_gradients, method_of="Optimizer", imports={"cast": tf1.cast})
