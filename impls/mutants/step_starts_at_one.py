"""The step starts at 1 (one-based counting) instead of 0."""

import impls.reference as tf1
from impls.mutants import creating, mutate, step_creator

KILLED_BY = {"GS-EXAMPLE-CREATE-DOCSTRING": "fail", "GS-EXAMPLE-SEED-PAGE": "fail", "GS-CREATE-FRESH-ZERO": "fail"}

api = mutate(tf1, train=creating(tf1, step_creator(tf1, initial=1)))
