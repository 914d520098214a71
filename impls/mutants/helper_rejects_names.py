"""global_step(sess, t) accepts only Tensor objects: the documented name form raises TypeError."""

from impls.mutants import edited

KILLED_BY = {"GS-HELPER-ACCEPTS-NAME": "crash"}


def global_step(sess, global_step_tensor) -> int:
    if isinstance(global_step_tensor, str):  # the defect: "a name is ambiguous, ask for the tensor"
        raise TypeError(f"global_step_tensor must be a Tensor, not {global_step_tensor!r}")
    return int(sess.run(global_step_tensor))


api = edited(global_step)
