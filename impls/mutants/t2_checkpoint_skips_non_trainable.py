"""`train.Checkpoint` saves only trainable variables (what a model's weights are), so the counter and the optimizer's iterations are not saved and a restore leaves them at 0."""
from impls.mutants import tf2_edited

KILLED_BY = {"TF2-CHECKPOINT-RESTORES": "fail"}


def _variables(self):
    found = {}
    for key, obj in self._objects.items():
        if isinstance(obj, keras.Variable):
            found[key] = obj
        else:
            found.update({f"{key}/{i}": v for i, v in enumerate(obj.variables)})
    return {key: v for key, v in found.items() if v.trainable}


api = tf2_edited(_variables, method_of="Checkpoint")
