"""global_step(sess, name) resolves the tensor name in the *default* graph instead of the session's graph, so the name form fails (or reads another graph's step) outside the graph's `as_default()` block."""
from impls.mutants import edited

KILLED_BY = {"GS-HELPER-ACCEPTS-NAME": "crash"}


def global_step(sess, global_step_tensor) -> int:
    """The step's value in ``sess`` as a Python int (GS-HELPER-RETURNS-INT); a name is looked up first."""
    if isinstance(global_step_tensor, str):
        global_step_tensor = get_default_graph().get_tensor_by_name(global_step_tensor)
    return int(sess.run(global_step_tensor))


api = edited(global_step)
