"""`train.Checkpoint.save` serialises the tracked values once and reuses them on later saves (the object graph cached with its tensors), so a second save after more training writes the first save's counts; restoring the latest checkpoint goes back in time."""
import numpy as np

from impls.mutants import tf2_edited

KILLED_BY = {"TF2-CHECKPOINT-RESTORES": "fail"}


def save(self, file_prefix, options=None):
    self._count += 1
    path = f"{file_prefix}-{self._count}"
    if "_serialized" not in vars(self):
        self._serialized = {key: v.numpy() for key, v in self._variables().items()}
    np.savez(f"{path}.npz", **self._serialized, **{_SAVE_COUNTER: np.int64(self._count)})
    return path


api = tf2_edited(save, method_of="Checkpoint")
