"""An optimizer builds only one train op per global step: a second apply_gradients/minimize with the same global_step returns the first op (to avoid double counting), whatever variables it was asked to train."""
from impls.mutants import edited

KILLED_BY = {"GS-APPLY-ONLY-VAR-LIST": "fail"}


def apply_gradients(self, grads_and_vars, global_step=None, name=None):
    """Update each variable, then (if ``global_step`` is given) add 1 to it: GS-APPLY-*.

    An optimizer increments a given step from one train op only (the step counts training steps, not train ops),
    so a later call with the same step gets the op built first.
    """
    pairs = [(grad, var) for grad, var in grads_and_vars if grad is not None]
    if not pairs:
        raise ValueError("No gradients provided for any variable.")
    built = self.__dict__.setdefault("_train_op_for_step", {})
    if global_step is not None and id(global_step) in built:
        return built[id(global_step)]
    graph = pairs[0][1].graph
    with graph.as_default():
        updates = [self._apply(convert_to_tensor(grad, dtype=var.dtype), var) for grad, var in pairs]
        if global_step is None:
            op = group(*updates, name=name or self._name)
        else:
            with graph.control_dependencies(updates):
                op = global_step.assign_add(1, name=name or self._name).op
            built[id(global_step)] = op
    train_ops = graph.get_collection_ref(GraphKeys.TRAIN_OP)
    if op not in train_ops:
        train_ops.append(op)
    return op


api = edited(apply_gradients, method_of="Optimizer")
