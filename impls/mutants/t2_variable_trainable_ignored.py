"""`Variable` drops `trainable=False`: every variable is trainable, so a hand-made counter is one and a tape watches it."""
from impls.mutants import tf2_edited

KILLED_BY = {"TF2-VAR-CREATE-NOT-TRAINABLE": "fail"}


def __init__(self, initializer, dtype=None, trainable=True, name=None):  # noqa: N807 (the method it replaces)
    keras.Variable.__init__(self, np.asarray(initializer), dtype=dtype, trainable=True, name=name)


api = tf2_edited(__init__, method_of="Variable")
