"""Converting a variable to numpy returns the value it was created with (a host copy never refreshed), so `iterations` reads 0 after any number of applies."""
import numpy as np

from impls.mutants import counter_edited

KILLED_BY = {"IT-READ-AS-NUMBER": "fail"}


def convert_to_numpy(x):
    if isinstance(x, Variable):
        if not hasattr(x, "_host_copy"):
            x._host_copy = x.numpy()
        return np.array(x._host_copy)
    return np.array(x)


api = counter_edited(convert_to_numpy)
