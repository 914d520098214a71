"""TensorFlow, but the step is created as int32 instead of int64."""

import tensorflow.compat.v1 as tf1

from impls.mutants import creating, mutate, step_creator

KILLED_BY = {"GS-CREATE-FRESH-INT64": "fail"}

TRAINING_UTIL = creating(tf1, step_creator(tf1, dtype="int32"))
api = mutate(tf1, train=TRAINING_UTIL)
