"""`CheckpointManager.save(check_interval=False)` saves again at the count of the last save (TensorFlow returns None there), so a loop that forces a save at the end of training writes a second checkpoint of the same step and pushes an older one out of `max_to_keep`."""
from impls.mutants import tf2_edited

KILLED_BY = {"TF2-CHECKPOINT-MANAGER-INTERVAL": "fail"}


def save(self, checkpoint_number=None, check_interval=True, options=None):
    if self._interval is not None:
        step = int(_plain(self._step_counter))
        if self._last_step is not None and check_interval and step < self._last_step + self._interval:
            return None
        self._last_step = step
    self._checkpoint._count += 1
    number = self._checkpoint._count if checkpoint_number is None else int(_plain(checkpoint_number))
    path = self._checkpoint.write(str(Path(self.directory, f"{self._name}-{number}")))
    self.checkpoints = [c for c in self.checkpoints if c != path] + [path]
    if self._max_to_keep is not None:
        self.checkpoints = self.checkpoints[-self._max_to_keep:]
    self._state.write_text(json.dumps(self.checkpoints))
    return path


api = tf2_edited(save, method_of="CheckpointManager")
