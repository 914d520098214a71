"""global_step(sess, t) converts the fetched value through float (`int(float(v))`, to accept any numeric step), so steps above 2**53 come back rounded."""
from impls.mutants import edited

KILLED_BY = {"GS-HELPER-READS-VALUE": "fail"}


def global_step(sess, global_step_tensor) -> int:
    """The step's value in ``sess`` as a Python int (GS-HELPER-RETURNS-INT); float steps are truncated."""
    return int(float(sess.run(global_step_tensor)))


api = edited(global_step)
