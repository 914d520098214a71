"""get_global_step creates the step when there is none, instead of returning None."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-GET-NONE-FRESH": "fail"}

api = mutate(tf1, train={"get_global_step": tf1.train.get_or_create_global_step})
