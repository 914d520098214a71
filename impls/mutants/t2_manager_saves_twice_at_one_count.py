"""`CheckpointManager.save(check_interval=False)` saves again at the count of the last save (TensorFlow returns None there), so a loop that forces a save at the end of training writes a second checkpoint of the same step and pushes an older one out of `max_to_keep`."""
from impls.mutants import text_edited

KILLED_BY = {"TF2-CHECKPOINT-MANAGER-INTERVAL": "fail"}

api = text_edited("tf2", "(step == self._last_step or (", "(False or (")
