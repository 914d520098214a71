"""The step is created as int32 instead of int64 (optax#187 moved its counters to int32)."""

import impls.reference as tf1
from impls.mutants import creating, mutate, step_creator

KILLED_BY = {"GS-CREATE-FRESH-INT64": "fail"}

api = mutate(tf1, train=creating(tf1, step_creator(tf1, dtype="int32")))
