"""A backend whose get_or_create_global_step blows up with RuntimeError."""

import impls.reference
from impls.mutants import mutate


def get_or_create_global_step(graph=None):
    raise RuntimeError("internal error: step table corrupted")


api = mutate(impls.reference, train={"get_or_create_global_step": get_or_create_global_step})
