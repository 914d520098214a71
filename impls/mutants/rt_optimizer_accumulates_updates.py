"""apply_gradients keeps every update op the optimizer has built and makes the step increment wait for all of them, so a second train op of the same optimizer also re-applies the first one's updates."""

from impls.mutants import edited
from impls.reference.graph import GraphKeys
from impls.reference.ops import convert_to_tensor, group

KILLED_BY = {"GS-APPLY-ONLY-VAR-LIST": "fail"}


def apply_gradients(self, grads_and_vars, global_step=None, name=None):
    """Update each variable, then (if ``global_step`` is given) add 1 to it once every update has run."""
    pairs = [(grad, var) for grad, var in grads_and_vars if grad is not None]
    if not pairs:
        raise ValueError("No gradients provided for any variable.")
    graph = pairs[0][1].graph
    with graph.as_default():
        updates = [self._apply(convert_to_tensor(grad, dtype=var.dtype), var) for grad, var in pairs]
        if global_step is None:
            op = group(*updates, name=name or self._name)
        else:
            self._update_ops = getattr(self, "_update_ops", []) + updates
            with graph.control_dependencies(self._update_ops):
                op = global_step.assign_add(1, name=name or self._name).op
    train_ops = graph.get_collection_ref(GraphKeys.TRAIN_OP)
    if op not in train_ops:
        train_ops.append(op)
    return op


api = edited(apply_gradients, method_of="Optimizer",
             imports={"GraphKeys": GraphKeys, "convert_to_tensor": convert_to_tensor, "group": group})
