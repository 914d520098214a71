"""global_step(sess, t) is decorated with functools.lru_cache (it "looks pure" and logging hooks call it every step), so it keeps returning the first value it read for a (session, tensor) pair."""

import functools

import impls.reference as reference
from impls.mutants import mutate

KILLED_BY = {"GS-HELPER-READS-VALUE": "fail"}

api = mutate(reference, train={"global_step": functools.lru_cache(maxsize=None)(reference.train.global_step)})
