"""`GradientTape.gradient` returns zeros, not None, for a source it did not watch or that the target does not depend on (tf.UnconnectedGradients.ZERO as the default, as JAX's grad does), so a non-trainable counter gets a zero gradient although the tape does not watch it."""
import numpy as np

from impls.mutants import tf2_edited

KILLED_BY = {"TF2-VAR-CREATE-NOT-TRAINABLE": "fail"}


def gradient(self, target, sources):
    if self._used and not self._persistent:
        raise RuntimeError("A non-persistent GradientTape can only be used to compute one set of gradients")
    self._used = True
    grads = _backward(_tensor(target))
    single = not isinstance(sources, (list, tuple))
    out = [Tensor(grads[id(s)]) if id(s) in grads and id(s) in self._watched
           else Tensor(np.zeros(np.shape(np.asarray(s)), dtype=np.asarray(s).dtype))
           for s in ([sources] if single else sources)]
    return out[0] if single else out


api = tf2_edited(gradient, method_of="GradientTape")
