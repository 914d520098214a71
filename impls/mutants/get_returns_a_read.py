"""get_global_step returns a fresh read of the step (a new tensor each call), not the step variable."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-GET-FINDS-STEP": "fail"}


def get_global_step(graph=None):
    step = tf1.train.get_global_step(graph)
    return None if step is None or not isinstance(step, tf1.Variable) else step.read_value()


api = mutate(tf1, train={"get_global_step": get_global_step})
