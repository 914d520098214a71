"""`Checkpoint.restore` brings the variables back but not `save_counter`, so a resumed run numbers its next save 1 again and overwrites `ckpt-1` (TensorFlow tracks `save_counter` in the checkpoint and numbers on from it)."""
from impls.mutants import text_edited

KILLED_BY = {"TF2-CHECKPOINT-SAVE-COUNTER": "fail"}

api = text_edited("tf2", '            object.__setattr__(self, "_count", int(saved[_SAVE_COUNTER]))\n', "")
