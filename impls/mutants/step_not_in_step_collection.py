"""The step is not registered in GLOBAL_STEP; lookups only find it through the name fallback."""

import impls.reference as tf1
from impls.mutants import creating, mutate, step_creator

KILLED_BY = {"GS-CREATE-FRESH-COLLECTIONS": "fail"}

api = mutate(tf1, train=creating(tf1, step_creator(tf1, collections=("GLOBAL_VARIABLES",))))
