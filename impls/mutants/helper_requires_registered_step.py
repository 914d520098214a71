"""global_step(sess, t) refuses a tensor that is not in its graph's GLOBAL_STEP collection."""

from impls.mutants import edited

KILLED_BY = {"GS-EXAMPLE-HELPER-DOCSTRING": "crash"}


def global_step(sess, global_step_tensor) -> int:
    if not any(s is global_step_tensor for s in sess.graph.get_collection(GraphKeys.GLOBAL_STEP)):
        raise ValueError(f"{global_step_tensor!r} is not the global step of the session's graph")  # the defect
    return int(sess.run(global_step_tensor))


api = edited(global_step)
