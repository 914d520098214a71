"""The step is created with shape [1] instead of as a scalar."""

import impls.reference as tf1
from impls.mutants import creating, mutate, step_creator

KILLED_BY = {"GS-CREATE-FRESH-SCALAR": "fail"}

api = mutate(tf1, train=creating(tf1, step_creator(tf1, shape=(1,))))
