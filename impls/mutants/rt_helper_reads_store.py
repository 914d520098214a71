"""global_step(sess, t) reads the session's variable store directly instead of running t, so it fails for any tensor that is not the variable itself (read_value(), a cast, a constant)."""
from impls.mutants import edited

KILLED_BY = {"GS-HELPER-READS-VALUE": "crash"}


def global_step(sess, global_step_tensor) -> int:
    """The step's value in ``sess`` as a Python int (GS-HELPER-RETURNS-INT)."""
    return int(sess._read(global_step_tensor))  # DEFECT: a "fast path" that only works for variables


api = edited(global_step)
