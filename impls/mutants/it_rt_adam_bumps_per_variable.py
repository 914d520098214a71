"""Adam advances `iterations` itself for its bias correction, once per variable (torch's `state['step'] += 1` ported onto the shared counter), on top of apply_gradients' own +1: an Adam call adds 1 + the number of variables; SGD and RMSprop add 1."""
import numpy as np

from impls.mutants import counter_edited

KILLED_BY = {"IT-APPLY-ADDS-ONE": "fail"}


def _update(self, variable, gradient, rate, index):
    width = 3 if self.amsgrad else 2
    m, v = self._slots[width * index], self._slots[width * index + 1]
    step = int(self._iterations.assign_add(1).numpy())  # the bias-correction step, 1-based
    with np.errstate(all="ignore"):
        m.assign(self.beta_1 * m.numpy() + (1 - self.beta_1) * gradient)
        v.assign(self.beta_2 * v.numpy() + (1 - self.beta_2) * gradient * gradient)
        second = v.numpy()
        if self.amsgrad:
            vhat = self._slots[width * index + 2]
            vhat.assign(np.maximum(vhat.numpy(), second))
            second = vhat.numpy()
        alpha = rate * np.sqrt(1 - self.beta_2 ** step) / (1 - self.beta_1 ** step)
        variable.assign(variable.numpy() - alpha * m.numpy() / (np.sqrt(second) + self.epsilon))


api = counter_edited(_update, method_of="Adam")
