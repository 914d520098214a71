"""The step increment is skipped when every gradient of the run is zero (a "skip no-op steps" guard as in loss-scaling optimizers)."""
import impls.reference as tf1
from impls.mutants import edited

KILLED_BY = {"GS-APPLY-ZERO-GRADIENT": "fail"}


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

                def compute(session, values):
                    if not any(np.any(value) for value in values):  # DEFECT: nothing moved, so "no step"
                        return session._read(global_step)
                    return session._write(global_step, wrap(session._read(global_step).astype(object) + 1,
                                                            global_step.dtype))

                grads = [update.inputs[0] for update in updates]  # the (converted) gradient of each update
                op = graph.create_op("AssignAdd", name or self._name, grads, compute)
    train_ops = graph.get_collection_ref(GraphKeys.TRAIN_OP)
    if op not in train_ops:
        train_ops.append(op)
    return op


api = edited(apply_gradients, method_of="Optimizer", imports={"wrap": tf1.ops.wrap})
