"""A variable made with `validate_shape=False` takes an assign of any shape (TensorFlow 2.21 keeps its shape and raises ValueError; only `shape=tf.TensorShape(None)` lets the shape change), so code that relies on it works here and fails on TensorFlow."""
from impls.mutants import tf2_edited

KILLED_BY = {"TF2-VAR-SHAPE": "fail"}


def assign(self, value, use_locking=False, name=None, read_value=True):
    value = _plain(value)
    if self._any_shape or not self._validate:
        self._value = np.array(value, dtype=self._value.dtype)
    else:
        keras.Variable.assign(self, value)
    return self if read_value else None


def _keeping(base):
    """The constructor, also keeping validate_shape for the edited assign."""
    def __init__(self, initial_value=None, *args, validate_shape=True, **kwargs):  # noqa: N807
        base(self, initial_value, *args, validate_shape=validate_shape, **kwargs)
        self._validate = validate_shape
    return __init__


api = tf2_edited(assign, method_of="Variable")
api.Variable.__init__ = _keeping(api.Variable.__init__)
