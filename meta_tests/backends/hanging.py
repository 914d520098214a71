"""A backend whose get_or_create_global_step never returns (like a train op waiting for absent queue runners)."""

import time

import impls.reference
from impls.mutants import mutate


def get_or_create_global_step(graph=None):
    while True:
        time.sleep(1)


api = mutate(impls.reference, train={"get_or_create_global_step": get_or_create_global_step})
