"""global_step(sess, name) normalises a tensor name with name.rstrip(":0") + ":0" (to accept "global_step" and "global_step:0" alike), which also strips trailing zeros of the op name: "global_step_10:0" reads "global_step_1:0"."""

from impls.mutants import edited

KILLED_BY = {"GS-HELPER-ACCEPTS-NAME": "fail"}


def global_step(sess, global_step_tensor) -> int:
    """The step's value in ``sess`` as a Python int (GS-HELPER-RETURNS-INT); a name may omit the ':0'."""
    if isinstance(global_step_tensor, str):
        global_step_tensor = global_step_tensor.rstrip(":0") + ":0"
    return int(sess.run(global_step_tensor))


api = edited(global_step)
