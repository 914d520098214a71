"""TensorFlow, but get_global_step only reads the GLOBAL_STEP collection, without the `global_step:0` fallback."""

import tensorflow.compat.v1 as tf1

from impls.mutants import lookup_without_fallback, mutate

KILLED_BY = {"GS-GET-NAME-FALLBACK": "fail"}

TRAINING_UTIL = {"get_global_step": lookup_without_fallback(tf1)}
api = mutate(tf1, train=TRAINING_UTIL)
