"""assert_global_step rejects a tensor of unknown rank, as if "not known to be a scalar" were "not a scalar"."""
from impls.mutants import train_text_edited

KILLED_BY = {"GS-ASSERT-ACCEPTS-UNKNOWN-RANK": "fail"}

api = train_text_edited("if shape.ndims not in (0, None):", "if shape.ndims != 0:")
