"""The step is only put in GLOBAL_STEP, so global_variables_initializer() never initialises it."""

import impls.reference as tf1
from impls.mutants import creating, mutate, step_creator

KILLED_BY = {"GS-CREATE-FRESH-COLLECTIONS": "fail", "GS-CREATE-FRESH-ZERO": "crash"}

api = mutate(tf1, train=creating(tf1, step_creator(tf1, collections=("GLOBAL_STEP",))))
