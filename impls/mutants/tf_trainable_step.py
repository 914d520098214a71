"""TensorFlow, but the step is created trainable, in TRAINABLE_VARIABLES."""

import tensorflow.compat.v1 as tf1

from impls.mutants import creating, mutate, step_creator

KILLED_BY = {"GS-CREATE-FRESH-NOT-TRAINABLE": "fail"}

TRAINING_UTIL = creating(tf1, step_creator(
    tf1, trainable=True, collections=("GLOBAL_VARIABLES", "GLOBAL_STEP", "TRAINABLE_VARIABLES")))
api = mutate(tf1, train=TRAINING_UTIL)
