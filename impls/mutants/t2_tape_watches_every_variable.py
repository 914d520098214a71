"""A `GradientTape` watches every variable read inside it, trainable or not, so a non-trainable counter gets a gradient (trainable stays False)."""
from impls.mutants import tf2_edited

KILLED_BY = {"TF2-VAR-CREATE-NOT-TRAINABLE": "fail"}


def read_value(self):
    for tape in _TAPES:
        tape.watch(self)
    return Tensor(self.numpy(), variable=self)


api = tf2_edited(read_value, method_of="Variable")
