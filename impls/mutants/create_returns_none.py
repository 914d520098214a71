"""create_global_step creates the step but returns None (a forgotten `return`)."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-CREATE-NEW": "fail"}


def create_global_step(graph=None):
    tf1.train.create_global_step(graph)


api = mutate(tf1, train={"create_global_step": create_global_step})
