"""The counter surface's names over a functional JAX optimizer whose state carries the step (optax, Flax NNX).

Keras keeps the step in a variable of the optimizer (``iterations``). optax keeps it in the optimizer state that
``update`` returns, and Flax NNX in ``nnx.Optimizer.step``. An adapter here gives those frameworks Keras 3's names
(``optimizers.<Name>(learning_rate=...)`` with ``iterations``, ``build``, ``apply_gradients``,
``save_own_variables``, ``load_own_variables``; ``Variable``; ``ops``) and nothing else: every count the suite
reads is the framework's own, read where the framework keeps it. What the adapter decides, it says:

- ``iterations`` is a view (``Counter``) onto the framework's step, one object for the optimizer's life. Before
  the optimizer is built there is no framework state yet: it reads the step the framework's ``init`` gives
  (``tx.init`` on no parameters), and a value assigned then is given to the state when it is made.
- A call with nothing to apply (an empty list, only None gradients) raises ValueError, as Keras does, and does
  not call the framework: there is no update to make. A None gradient among others is a zero gradient whose
  update is not applied to its variable.
- ``save_own_variables`` stores the leaves of the framework's state; ``load_own_variables`` puts them back.
"""

from __future__ import annotations

import itertools
import warnings
from types import SimpleNamespace

import numpy as np

_NAMES = itertools.count()


class Variable:
    """A mutable holder of one array (a JAX array inside): what the trained variables are here."""

    def __init__(self, initializer, shape=None, dtype=None, trainable: bool = True, autocast: bool = True,
                 aggregation: str = "none", synchronization: str = "auto", name: str | None = None):
        """Keras 3's constructor: a value, or an initializer ("zeros", "ones") with ``shape``; the distribution and
        autocast options have nothing to act on in one JAX process."""
        import jax.numpy as jnp

        if isinstance(initializer, str):
            initializer = {"zeros": np.zeros, "ones": np.ones}[initializer](shape, dtype=dtype or "float32")
        value = np.asarray(initializer.numpy() if isinstance(initializer, Variable) else initializer)
        self._value = jnp.asarray(value, dtype=dtype if dtype is not None else _default_dtype(value))
        self.trainable = bool(trainable)
        self.name = name or f"variable_{next(_NAMES)}"

    dtype = property(lambda self: str(self._value.dtype))
    shape = property(lambda self: tuple(self._value.shape))
    value = property(lambda self: self._value)

    def numpy(self) -> np.ndarray:
        return np.asarray(self._value)

    def assign(self, value) -> Variable:
        import jax.numpy as jnp

        new = jnp.asarray(np.asarray(value), dtype=self._value.dtype)
        if new.shape != self._value.shape:
            raise ValueError(f"cannot assign a value of shape {new.shape} to variable {self.name} of shape "
                             f"{self.shape}")
        self._value = new
        return self

    def __array__(self, dtype=None, copy=None):
        return self.numpy() if dtype is None else self.numpy().astype(dtype)

    def __repr__(self):
        return f"<Variable {self.name} shape={self.shape} dtype={self.dtype} value={self.numpy()!r}>"


def _default_dtype(value: np.ndarray) -> str:
    return {"b": "bool", "i": "int32", "u": "int32"}.get(value.dtype.kind, "float32")


class Counter:
    """``iterations``: a view onto the step the framework keeps, read and written where it keeps it."""

    def __init__(self, optimizer: FunctionalOptimizer):
        self._optimizer = optimizer
        self.trainable = False
        self.name = f"{optimizer.name}/iteration"

    shape = ()

    @property
    def dtype(self) -> str:
        return str(np.asarray(self._optimizer._read_step()).dtype)

    def numpy(self) -> np.ndarray:
        return np.asarray(self._optimizer._read_step())

    def assign(self, value) -> Counter:
        self._optimizer._write_step(value)
        return self

    def __array__(self, dtype=None, copy=None):
        return self.numpy() if dtype is None else self.numpy().astype(dtype)

    def __int__(self) -> int:
        return int(self.numpy())

    def __repr__(self):
        return f"<Counter {self.name} dtype={self.dtype} value={self.numpy()!r}>"


class FunctionalOptimizer:
    """Keras's optimizer names over a framework's functional optimizer. A subclass says where the state and the
    step live: ``_initial_step``, ``_make_state``, ``_read_state_step``, ``_write_state_step``, ``_update``,
    ``_leaves``, ``_load_leaves`` and ``_skip_non_finite``."""

    def __init__(self, learning_rate=0.001, name: str | None = None):
        self.name = name or type(self).__name__.lower()
        if callable(learning_rate) and not isinstance(learning_rate, PiecewiseConstantDecay):
            given = learning_rate  # Keras: "a callable that takes no arguments"; the framework calls it with its count
            learning_rate = lambda count: given()  # noqa: E731
        self.learning_rate = learning_rate
        self._variables: list[Variable] = []
        self._pending = None  # a step assigned before the state exists
        self.built = False
        self._iterations = Counter(self)

    @property
    def iterations(self) -> Counter:
        return self._iterations

    def _read_step(self):
        if not self.built:
            return self._pending if self._pending is not None else self._initial_step()
        return self._read_state_step()

    def _write_step(self, value) -> None:
        if not self.built:
            self._pending = np.asarray(value, dtype=np.asarray(self._initial_step()).dtype)
        else:
            self._write_state_step(value)

    def build(self, variables) -> None:
        if self.built:
            return
        self._variables = list(variables)
        self._make_state()
        self.built = True
        if self._pending is not None:
            self._write_state_step(self._pending)

    def apply_gradients(self, grads_and_vars):
        import jax.numpy as jnp

        pairs = list(grads_and_vars)
        if not pairs:
            raise ValueError("apply_gradients needs at least one (gradient, variable) pair; got none")
        self.build([variable for _, variable in pairs])
        unknown = [v.name for _, v in pairs if not any(v is known for known in self._variables)]
        if unknown:
            raise ValueError(f"Unknown variable: {unknown}. This optimizer can only be called for the variables "
                             "it was originally built with.")
        if all(g is None for g, _ in pairs):
            raise ValueError("No gradients provided for any variable.")
        given = {id(v): g for g, v in pairs}
        grads = [jnp.zeros(v.shape, v.dtype) if given.get(id(v)) is None else jnp.asarray(np.asarray(given[id(v)]),
                                                                                          dtype=v.dtype)
                 for v in self._variables]
        new_values = self._update(grads)
        for variable, value in zip(self._variables, new_values, strict=True):
            if given.get(id(variable)) is not None:
                variable.assign(value)
        return self._iterations

    def apply(self, grads, trainable_variables=None):
        """Keras 3's ``apply``: the gradients for ``trainable_variables``, or for the variables it was built with."""
        if trainable_variables is None:
            if not self.built:
                raise ValueError("When passing `grads` without `variables`, the optimizer must already be built on "
                                 "a list of variables. Call `optimizer.build(trainable_variables)` first.")
            trainable_variables = self._variables
        return self.apply_gradients(list(zip(grads, trainable_variables, strict=True)))

    @property
    def variables(self) -> list[Variable]:
        """The framework's state as Keras lists an optimizer's own variables: a non-trainable Variable per leaf (a
        copy: the state is an immutable pytree of the framework's)."""
        return [Variable(np.asarray(leaf), dtype=str(np.asarray(leaf).dtype), trainable=False)
                for leaf in (self._leaves() if self.built else [])]

    def save_own_variables(self, store: dict) -> None:
        for index, leaf in enumerate(self._leaves()):
            store[str(index)] = np.asarray(leaf)

    def load_own_variables(self, store: dict) -> None:
        """The leaves back, when the store holds one per leaf; otherwise (an optimizer not built yet has no state)
        nothing is loaded and a warning says so, as Keras does."""
        leaves = self._leaves() if self.built else []
        if len(store) != len(leaves):
            warnings.warn(f"Skipping variable loading for optimizer {self.name!r}, because it has {len(leaves)} "
                          f"variables whereas the saved optimizer has {len(store)} variables.", stacklevel=2)
            return
        self._load_leaves([store[str(index)] for index in range(len(leaves))])


class LossScaleOptimizer:
    """Skips a step whose gradients are not finite, around ``inner_optimizer`` (each adapter says how, in
    ``_skip_non_finite``: ``optax.apply_if_finite`` for both). The counter is the inner optimizer's."""

    def __init__(self, inner_optimizer: FunctionalOptimizer, name: str | None = None):
        if inner_optimizer.built:
            raise ValueError("wrap the optimizer before it is built")
        self.inner_optimizer = inner_optimizer
        self.name = name or "loss_scale_optimizer"
        inner_optimizer._skip_non_finite()

    iterations = property(lambda self: self.inner_optimizer.iterations)
    variables = property(lambda self: self.inner_optimizer.variables)

    def build(self, variables) -> None:
        self.inner_optimizer.build(variables)

    def apply_gradients(self, grads_and_vars):
        return self.inner_optimizer.apply_gradients(grads_and_vars)

    def apply(self, grads, trainable_variables=None):
        return self.inner_optimizer.apply(grads, trainable_variables)

    def save_own_variables(self, store: dict) -> None:
        """The inner optimizer's state, which holds the skipping's own (``apply_if_finite`` wraps its state)."""
        self.inner_optimizer.save_own_variables(store)

    def load_own_variables(self, store: dict) -> None:
        self.inner_optimizer.load_own_variables(store)


#: Keras's optimizer names and the optax functions that make them.
OPTAX_NAMES = {"SGD": "sgd", "Adam": "adam", "RMSprop": "rmsprop", "Adagrad": "adagrad", "Adamax": "adamax",
               "Nadam": "nadam", "AdamW": "adamw", "Lion": "lion", "Adadelta": "adadelta"}


#: Keras 3's default learning rates where they are not the facade's 0.001.
KERAS_RATES = {"SGD": 0.01}


def _default_rate(base: type, rate: float):
    """An ``__init__`` for a subclass of ``base`` whose learning rate defaults to ``rate``, as Keras's does."""

    def __init__(self, learning_rate=rate, name: str | None = None):  # noqa: N807 (the class's __init__)
        base.__init__(self, learning_rate, name)

    return __init__


def optimizers_namespace(base: type) -> SimpleNamespace:
    """``optimizers``: a subclass of ``base`` per name of OPTAX_NAMES (its ``factory`` the optax function, its
    default learning rate Keras's), the LossScaleOptimizer and the schedules."""
    import optax

    made = {name: type(name, (base,), {"factory": staticmethod(getattr(optax, function)),
                                       **({"__init__": _default_rate(base, KERAS_RATES[name])}
                                          if name in KERAS_RATES else {})})
            for name, function in OPTAX_NAMES.items()}
    return SimpleNamespace(**made, LossScaleOptimizer=LossScaleOptimizer, schedules=schedules)


class PiecewiseConstantDecay:
    """``values[i]`` while the step is at most ``boundaries[i]``; JAX-traceable, so a framework can call it with
    its own count inside ``update``."""

    def __init__(self, boundaries, values):
        if len(values) != len(boundaries) + 1:
            raise ValueError("values must have one more element than boundaries")
        self.boundaries, self.values = list(boundaries), list(values)

    def __call__(self, step):
        import jax.numpy as jnp

        index = jnp.searchsorted(jnp.asarray(self.boundaries), step, side="left")
        return jnp.asarray(self.values, dtype=jnp.float32)[index]


def convert_to_numpy(x) -> np.ndarray:
    return np.asarray(x.numpy() if isinstance(x, (Variable, Counter)) else x)


def convert_to_tensor(x, dtype=None):
    import jax.numpy as jnp

    value = convert_to_numpy(x)
    return jnp.asarray(value, dtype=dtype if dtype is not None else _default_dtype(value))


ops = SimpleNamespace(convert_to_numpy=convert_to_numpy, convert_to_tensor=convert_to_tensor)
schedules = SimpleNamespace(PiecewiseConstantDecay=PiecewiseConstantDecay)
