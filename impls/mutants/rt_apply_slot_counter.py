"""Each train op keeps the step count in its own per-session slot (seeded from the step on its first run), so two train ops sharing a step overwrite each other."""
from impls.mutants import edited

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

                def compute(session, values):
                    slots = session.slots.setdefault((op.name, global_step.name), {})
                    if "iterations" not in slots:
                        slots["iterations"] = int(session._read(global_step))
                    slots["iterations"] += 1  # DEFECT: the running count is this op's, not the variable's
                    return session._write(global_step, slots["iterations"])

                op = graph.create_op("AssignAdd", name or self._name, [], compute)
    train_ops = graph.get_collection_ref(GraphKeys.TRAIN_OP)
    if op not in train_ops:
        train_ops.append(op)
    return op


api = edited(apply_gradients, method_of="Optimizer")
