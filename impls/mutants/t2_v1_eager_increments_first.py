"""A tf.compat.v1.train optimizer run eagerly adds 1 to `global_step=` before it reads its learning rate and updates, so a rate computed from the step sees the count after the call."""
from impls.mutants import text_edited

KILLED_BY = {"TF2-V1-OPTIMIZER-EAGER": "fail"}

api = text_edited("tf2", "        rate = self.learning_rate\n        rate = float(",
                  "        if global_step is not None:\n            global_step.assign_add(1)\n            global_step = None\n"
                  "        rate = self.learning_rate\n        rate = float(")
