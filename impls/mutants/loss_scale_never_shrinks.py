"""A dynamic loss scale skips a run whose scaled gradient overflows but keeps its scale, so a scale too big for the loss (2**127, a gradient of 4) skips every later run."""
from impls.mutants import train_text_edited

KILLED_BY = {"GS-APPLY-LOSS-SCALE-SKIPS": "fail"}

api = train_text_edited("session._write(self._scale, max(scale / multiplier, np.float32(1)))",
                        "session._write(self._scale, scale)")
