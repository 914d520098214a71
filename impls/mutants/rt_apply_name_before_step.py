"""apply_gradients takes Keras's parameter order (grads_and_vars, name=None, global_step=None), so a positionally passed global_step becomes the op name and is never incremented."""
from impls.mutants import edited

KILLED_BY = {"GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


def apply_gradients(self, grads_and_vars, name=None, global_step=None):
    """Update each variable, then (if ``global_step`` is given) add 1 to it: GS-APPLY-*.

    ``grads_and_vars`` is any iterable of pairs (a generator is read once); pairs whose gradient is None
    are skipped. The op is added to the TRAIN_OP collection, as TensorFlow does.
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
    train_ops = graph.get_collection_ref(GraphKeys.TRAIN_OP)
    if op not in train_ops:
        train_ops.append(op)
    return op


api = edited(apply_gradients, method_of="Optimizer")
