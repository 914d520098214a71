"""The step is created trainable (the Variable default) and lands in TRAINABLE_VARIABLES."""

import impls.reference as tf1
from impls.mutants import creating, mutate, step_creator

KILLED_BY = {"GS-CREATE-FRESH-NOT-TRAINABLE": "fail"}

api = mutate(tf1, train=creating(tf1, step_creator(
    tf1, trainable=True, collections=("GLOBAL_VARIABLES", "GLOBAL_STEP", "TRAINABLE_VARIABLES"))))
