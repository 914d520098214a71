"""The optimizer's saved variables are its slots only: `iterations` is not among them, so a restore does not bring the count back (keras#13027)."""
from impls.mutants import counter_edited

KILLED_BY = {"IT-CHECKPOINT-RESTORES": "fail"}


def variables(self):
    return list(self._slots)


api = counter_edited(variables, method_of="Optimizer")  # still a property
