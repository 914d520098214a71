"""apply_gradients counts each part of a partitioned variable (get_variable(partitioner=fixed_size_partitioner(2))) as a step of its own: a run adds 2."""
from impls.mutants import train_text_edited

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}

api = train_text_edited(
    "op = global_step.assign_add(1, name=name or self._name).op",
    "op = global_step.assign_add(max(1, sum('/part_' in var.op.name for _, var in pairs)),\n"
    "                                                  name=name or self._name).op")
