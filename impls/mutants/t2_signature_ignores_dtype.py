"""A tf.function's input_signature checks the rank of each argument but not its dtype, so a step made for float32 inputs runs (and counts) on an int32 tensor that TensorFlow refuses with TypeError."""
from impls.mutants import tf2_edited

KILLED_BY = {"TF2-SIGNATURE-REFUSES": "fail"}


def accepts(self, value) -> bool:
    if isinstance(value, (bool, int, float)):
        value = Tensor(np.asarray(value, dtype=self.dtype))
    value = _tensor(value)
    return self.shape is None or (len(self.shape) == len(value.shape) and all(
        d is None or d == n for d, n in zip(self.shape, value.shape, strict=True)))


api = tf2_edited(accepts, method_of="TensorSpec")
