"""A tf.function's input_signature checks the shape of each argument but not its dtype, so a step made for float32 inputs runs (and counts) on an int32 tensor that TensorFlow refuses with TypeError."""
from impls.mutants import text_edited

KILLED_BY = {"TF2-SIGNATURE-REFUSES": "fail"}

api = text_edited("tf2", "return value.dtype == self.dtype and (", "return (")
