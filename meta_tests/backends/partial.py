"""A backend that lacks create_global_step and assert_global_step; everything else is the reference."""

import impls.reference
from impls.mutants import Mutated


class _TrainWithout:
    def __getattr__(self, name):
        if name in ("create_global_step", "assert_global_step"):
            raise AttributeError(name)
        return getattr(impls.reference.train, name)


api = Mutated(impls.reference, {"train": _TrainWithout()})
