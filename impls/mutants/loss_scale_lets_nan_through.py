"""The v1 loss-scale wrapper's finiteness check looks for Inf only: a run whose gradient is NaN is applied and counted, where a dynamic loss scale skips it."""
from impls.mutants import train_text_edited

KILLED_BY = {"GS-APPLY-LOSS-SCALE-SKIPS": "fail"}

api = train_text_edited("all(np.all(np.isfinite(value)) for value in values)",
                        "all(not np.any(np.isinf(value)) for value in values)")
