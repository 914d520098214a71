"""With gradient_accumulation_steps=n, `iterations` reads every call (the raw counter the accumulation keeps), not the updates applied: n calls read n where Keras 3 reads 1."""
from impls.mutants import counter_edited

KILLED_BY = {"IT-ACCUMULATION-COUNTS-UPDATES": "fail"}


def iterations(self):
    return self._iterations  # the raw call count, whatever gradient_accumulation_steps says


api = counter_edited(iterations, method_of="Optimizer")  # still a property
