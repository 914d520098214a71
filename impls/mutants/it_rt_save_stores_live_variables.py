"""save_own_variables puts the variables themselves in the store instead of their values (a missing .numpy()), so a store saved at step n and loaded after the original optimizer trained on gives the later count; save-then-load at once is right."""
from impls.mutants import counter_edited

KILLED_BY = {"IT-CHECKPOINT-RESTORES": "fail"}


def save_own_variables(self, store):
    for index, variable in enumerate(self.variables):
        store[str(index)] = variable


api = counter_edited(save_own_variables, method_of="Optimizer")
