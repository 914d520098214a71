"""A pure-Python mini-Keras: the step-counter surface of the page's "Migrate to TF2" section.

The page tells users of the v1 global step to use a Keras optimizer's ``iterations`` instead. This module is the
reference for that surface, as impls/reference is for the v1 one: exactly the Keras 3 names the suite uses,
written to be read, no framework imported. ``--backend=reference`` tests both surfaces; this module alone is
``--backend=impls.reference.keras``.

- ``Variable``                 a value with a dtype and a shape, ``assign`` and ``assign_add``
- ``optimizers.SGD`` / ``Adam`` / ``RMSprop``   each with ``iterations``, ``build``, ``apply_gradients``,
  ``save_own_variables`` and ``load_own_variables``
- ``optimizers.LossScaleOptimizer``   dynamic loss scaling around an optimizer, sharing its counter
- ``optimizers.schedules.PiecewiseConstantDecay``   a learning rate read from the count
- ``ops.convert_to_tensor`` and ``ops.convert_to_numpy``

The counter is an int64 scalar created with the optimizer, not trainable, and each ``apply_gradients`` call that
applies at least one gradient adds 1 after the variables are updated (so a schedule sees the count before it).
"""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import numpy as np

__version__ = "1.0.0"
_NAMES = itertools.count()


class Variable:
    """A mutable array with a fixed dtype and shape."""

    def __init__(self, initializer, dtype=None, trainable: bool = True, name: str | None = None):
        value = np.array(initializer, dtype=dtype if dtype is not None else _default_dtype(initializer))
        self._value = value
        self.trainable = bool(trainable)
        self.name = name or f"variable_{next(_NAMES)}"

    @property
    def dtype(self) -> str:
        return str(self._value.dtype)

    @property
    def shape(self) -> tuple:
        return self._value.shape

    @property
    def value(self) -> np.ndarray:
        return self._value.copy()

    def numpy(self) -> np.ndarray:
        return self._value.copy()

    def assign(self, value) -> Variable:
        new = np.asarray(value, dtype=self._value.dtype)
        if new.shape != self.shape:
            raise ValueError(f"cannot assign a value of shape {new.shape} to variable {self.name} of shape "
                             f"{self.shape}")
        self._value = new.copy()
        return self

    def assign_add(self, delta) -> Variable:
        with np.errstate(all="ignore"):  # integers wrap, floats go to inf/nan: IEEE and two's complement
            return self.assign(self._value + np.asarray(delta, dtype=self._value.dtype))

    def __array__(self, dtype=None, copy=None):
        return self.numpy() if dtype is None else self.numpy().astype(dtype)

    def __int__(self) -> int:
        return int(self._value)

    def __repr__(self):
        return f"<Variable {self.name} shape={self.shape} dtype={self.dtype} value={self._value!r}>"


def _default_dtype(value) -> str:
    kind = np.asarray(value).dtype.kind
    return {"b": "bool", "i": "int32", "u": "int32"}.get(kind, "float32")


def convert_to_numpy(x) -> np.ndarray:
    return np.array(x.numpy() if isinstance(x, Variable) else x)


def convert_to_tensor(x, dtype=None) -> np.ndarray:
    return np.array(convert_to_numpy(x), dtype=dtype if dtype is not None else _default_dtype(x))


ops = SimpleNamespace(convert_to_numpy=convert_to_numpy, convert_to_tensor=convert_to_tensor)


class PiecewiseConstantDecay:
    """``values[i]`` while the count is at most ``boundaries[i]``, the last value after the last boundary."""

    def __init__(self, boundaries, values):
        if len(values) != len(boundaries) + 1:
            raise ValueError("values must have one more element than boundaries")
        self.boundaries, self.values = list(boundaries), list(values)

    def __call__(self, step) -> float:
        step = int(convert_to_numpy(step))
        for boundary, value in zip(self.boundaries, self.values, strict=False):  # one more value
            if step <= boundary:
                return value
        return self.values[-1]


class Optimizer:
    """What every optimizer shares: the counter, building on a variable list, applying, saving."""

    def __init__(self, learning_rate=0.001, name: str | None = None):
        self.name = name or type(self).__name__.lower()
        self._iterations = self._make_counter()
        self.learning_rate = learning_rate
        self._trainable: list[Variable] = []
        self._slots: list[Variable] = []
        self.built = False

    def _make_counter(self) -> Variable:
        """The step counter, made with the optimizer: an int64 scalar at 0, not trainable."""
        return Variable(0, dtype="int64", trainable=False, name=f"{self.name}/iteration")

    @property
    def iterations(self) -> Variable:
        return self._iterations

    @property
    def variables(self) -> list[Variable]:
        return [self._iterations, *self._slots]

    def build(self, variables) -> None:
        """Make the per-variable state for ``variables``; the optimizer applies to those only."""
        if self.built:
            return
        self._trainable = list(variables)
        self._slots = [slot for variable in self._trainable for slot in self._make_slots(variable)]
        self.built = True

    def apply_gradients(self, grads_and_vars) -> Variable:
        pairs = list(grads_and_vars)
        if not pairs:
            raise ValueError("apply_gradients needs at least one (gradient, variable) pair; got none")
        self.build([variable for _, variable in pairs])
        unknown = [v.name for _, v in pairs if not any(v is known for known in self._trainable)]
        if unknown:
            raise ValueError(f"Unknown variable: {unknown}. This optimizer can only be called for the variables "
                             "it was originally built with.")
        pairs = [(gradient, variable) for gradient, variable in pairs if gradient is not None]
        if not pairs:
            raise ValueError("No gradients provided for any variable.")
        rate = self._learning_rate()  # the count before this call's increment
        for gradient, variable in pairs:
            index = next(i for i, known in enumerate(self._trainable) if known is variable)
            self._update(variable, np.asarray(convert_to_numpy(gradient), dtype=variable.dtype), rate, index)
        self._iterations.assign_add(1)
        return self._iterations

    def _learning_rate(self) -> float:
        rate = self.learning_rate
        return float(rate(self._iterations) if callable(rate) else rate)

    def save_own_variables(self, store: dict) -> None:
        for index, variable in enumerate(self.variables):
            store[str(index)] = variable.numpy()

    def load_own_variables(self, store: dict) -> None:
        if len(store) != len(self.variables):
            raise ValueError(f"the store holds {len(store)} variables; optimizer {self.name} has "
                             f"{len(self.variables)} (build it on the same variables first)")
        for index, variable in enumerate(self.variables):
            variable.assign(store[str(index)])

    # -- per optimizer -----------------------------------------------------------------------------------
    def _make_slots(self, variable: Variable) -> list[Variable]:
        return []

    def _update(self, variable: Variable, gradient: np.ndarray, rate: float, index: int) -> None:
        raise NotImplementedError


class SGD(Optimizer):
    def __init__(self, learning_rate=0.01, name: str | None = None):
        super().__init__(learning_rate, name)

    def _update(self, variable, gradient, rate, index):
        with np.errstate(all="ignore"):
            variable.assign(variable.numpy() - rate * gradient)


class Adam(Optimizer):
    beta_1, beta_2, epsilon = 0.9, 0.999, 1e-7

    def _make_slots(self, variable):
        return [Variable(np.zeros(variable.shape), dtype=variable.dtype, trainable=False, name=f"{variable.name}/m"),
                Variable(np.zeros(variable.shape), dtype=variable.dtype, trainable=False, name=f"{variable.name}/v")]

    def _update(self, variable, gradient, rate, index):
        m, v = self._slots[2 * index], self._slots[2 * index + 1]
        step = int(self._iterations) + 1
        with np.errstate(all="ignore"):
            m.assign(self.beta_1 * m.numpy() + (1 - self.beta_1) * gradient)
            v.assign(self.beta_2 * v.numpy() + (1 - self.beta_2) * gradient * gradient)
            alpha = rate * np.sqrt(1 - self.beta_2 ** step) / (1 - self.beta_1 ** step)
            variable.assign(variable.numpy() - alpha * m.numpy() / (np.sqrt(v.numpy()) + self.epsilon))


class RMSprop(Optimizer):
    rho, epsilon = 0.9, 1e-7

    def _make_slots(self, variable):
        return [Variable(np.zeros(variable.shape), dtype=variable.dtype, trainable=False, name=f"{variable.name}/rms")]

    def _update(self, variable, gradient, rate, index):
        rms = self._slots[index]
        with np.errstate(all="ignore"):
            rms.assign(self.rho * rms.numpy() + (1 - self.rho) * gradient * gradient)
            variable.assign(variable.numpy() - rate * gradient / (np.sqrt(rms.numpy()) + self.epsilon))


class LossScaleOptimizer:
    """Dynamic loss scaling around ``inner_optimizer``: gradients are divided by the scale; a call with a non-finite
    gradient is skipped (no update, no count) and halves the scale. The counter is the inner optimizer's."""

    def __init__(self, inner_optimizer: Optimizer, initial_scale: float = 2.0**15, name: str | None = None):
        self.inner_optimizer = inner_optimizer
        self.name = name or "loss_scale_optimizer"
        self.scale = float(initial_scale)

    @property
    def iterations(self) -> Variable:
        return self.inner_optimizer.iterations

    @property
    def variables(self) -> list[Variable]:
        return self.inner_optimizer.variables

    def build(self, variables) -> None:
        self.inner_optimizer.build(variables)

    def apply_gradients(self, grads_and_vars) -> Variable:
        pairs = list(grads_and_vars)
        present = [np.asarray(convert_to_numpy(g)) for g, _ in pairs if g is not None]
        if present and not all(np.all(np.isfinite(g)) for g in present):
            self.scale /= 2  # overflow: skip this step, and try a smaller scale next time
            return self.iterations
        with np.errstate(all="ignore"):
            unscaled = [(None if g is None else np.asarray(convert_to_numpy(g)) / self.scale, v) for g, v in pairs]
        return self.inner_optimizer.apply_gradients(unscaled)


optimizers = SimpleNamespace(SGD=SGD, Adam=Adam, RMSprop=RMSprop, Optimizer=Optimizer,
                             LossScaleOptimizer=LossScaleOptimizer,
                             schedules=SimpleNamespace(PiecewiseConstantDecay=PiecewiseConstantDecay))
