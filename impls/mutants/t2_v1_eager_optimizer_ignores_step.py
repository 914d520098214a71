"""A tf.compat.v1.train optimizer run eagerly updates the variables but never adds 1 to `global_step=`: only a graph's train op would."""
from impls.mutants import text_edited

KILLED_BY = {"TF2-V1-OPTIMIZER-EAGER": "fail"}

api = text_edited("tf2", "        if global_step is not None:\n            global_step.assign_add(1)\n        return None",
                  "        return None")
