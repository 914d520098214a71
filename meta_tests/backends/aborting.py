"""A backend whose create_global_step kills the process (os.abort), as a segfaulting native backend would."""

import os

import impls.reference
from impls.mutants import mutate


def create_global_step(graph=None):
    os.abort()


api = mutate(impls.reference, train={"create_global_step": create_global_step})
