"""The step is created as `iteration:0`, Keras's name for its counter, instead of `global_step:0`."""

import impls.reference as tf1
from impls.mutants import creating, mutate, step_creator

KILLED_BY = {"GS-CREATE-FRESH-NAME": "fail"}

api = mutate(tf1, train=creating(tf1, step_creator(tf1, name="iteration")))
