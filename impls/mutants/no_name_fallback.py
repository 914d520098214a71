"""get_global_step only reads the GLOBAL_STEP collection: the documented fallback to `global_step:0` is missing."""

import impls.reference as tf1
from impls.mutants import lookup_without_fallback, mutate

KILLED_BY = {"GS-GET-NAME-FALLBACK": "fail"}

api = mutate(tf1, train={"get_global_step": lookup_without_fallback(tf1)})
