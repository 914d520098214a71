"""Adam evaluates a learning-rate schedule at its 1-based bias-correction step (iterations + 1, as torch schedulers count), so for Adam alone a schedule sees n + 1 during the (n+1)-th call; SGD and RMSprop still see n."""
import numpy as np

from impls.mutants import counter_edited

KILLED_BY = {"IT-APPLY-AFTER-UPDATE": "fail"}


def _update(self, variable, gradient, rate, index):
    width = 3 if self.amsgrad else 2
    m, v = self._slots[width * index], self._slots[width * index + 1]
    step = int(self._iterations) + 1
    if isinstance(self.learning_rate, LearningRateSchedule):  # one step number for schedule and bias correction
        rate = float(self.learning_rate(step))
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
