"""create_global_step returns the existing step instead of raising ValueError (it behaves like get_or_create)."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-CREATE-EXISTS-RAISES": "fail"}

api = mutate(tf1, train={"create_global_step": tf1.train.get_or_create_global_step})
