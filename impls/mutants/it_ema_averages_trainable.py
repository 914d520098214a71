"""The moving averages of `use_ema=True` are made as plain variables, trainable (Keras makes them with trainable=False), so a model's trainable weights take them in and an optimizer over those trains the averages."""
from impls.mutants import text_edited

KILLED_BY = {"IT-STATE-NOT-TRAINABLE": "fail"}

api = text_edited("keras", "self._averages = [Variable(v.numpy(), dtype=v.dtype, trainable=False)",
                  "self._averages = [Variable(v.numpy(), dtype=v.dtype)")
