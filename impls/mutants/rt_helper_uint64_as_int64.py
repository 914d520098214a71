"""global_step(sess, t) normalises the fetched value to int64 before int(), so a uint64 step above 2**63 comes back negative."""
from impls.mutants import edited

KILLED_BY = {"GS-HELPER-READS-VALUE": "fail"}


def global_step(sess, global_step_tensor) -> int:
    """The step's value in ``sess`` as a Python int (GS-HELPER-RETURNS-INT)."""
    return int(np.asarray(sess.run(global_step_tensor)).astype(np.int64))  # DEFECT: "steps are int64"


api = edited(global_step)
