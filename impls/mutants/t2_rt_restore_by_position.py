"""`train.Checkpoint.restore` matches saved values to variables by position, not by key, so a checkpoint restored into objects given in another keyword order, or into an unbuilt Adam listed before the step, gets values swapped; the same construction order restores right."""
from pathlib import Path

import numpy as np

from impls.mutants import tf2_edited

KILLED_BY = {"TF2-CHECKPOINT-RESTORES": "fail"}


def restore(self, save_path, options=None):
    with np.load(f"{Path(save_path)}.npz") as saved:
        for (_, variable), name in zip(self._variables().items(), saved.files, strict=False):
            variable.assign(saved[name])
    return self


api = tf2_edited(restore, method_of="Checkpoint")
