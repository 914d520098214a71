"""minimize() drops its global_step argument, so training never moves the step (google-research/bert#168)."""

import impls.reference as tf1
from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-EXAMPLE-GET-DOCSTRING": "fail", "GS-EXAMPLE-SEED-PAGE": "fail"}


class DropsStep:
    def minimize(self, loss, global_step=None, var_list=None, **kwargs):
        return super().minimize(loss, None, var_list, **kwargs)


api = mutate(tf1, train=optimizers_with(tf1, DropsStep))
