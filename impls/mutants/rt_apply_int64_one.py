"""The step increment adds a hard-coded int64 constant 1, so a user step of any other integer dtype cannot be trained."""
import impls.reference as tf1
from impls.mutants import edited

KILLED_BY = {"GS-APPLY-GRADIENTS-ADDS-ONE": "crash", "GS-APPLY-MINIMIZE-ADDS-ONE": "crash"}


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
                one = constant(1, dtype=dtypes.int64)  # DEFECT: "the step is int64" - not for user steps
                op = global_step.assign(global_step + one, name=name or self._name).op
    train_ops = graph.get_collection_ref(GraphKeys.TRAIN_OP)
    if op not in train_ops:
        train_ops.append(op)
    return op


api = edited(apply_gradients, method_of="Optimizer", imports={"constant": tf1.constant})
