"""A pure-Python mini TensorFlow 2: the eager API of the page's "Migrate to TF2" section (surface ``tf2``).

The page's migrated example trains with ``tf.GradientTape`` and a Keras optimizer, and its second option is a
``tf.Variable`` the user creates and increments, typically in a ``tf.function`` training step. This module is the
reference for those, as impls/reference is for the v1 step: exactly the names the suite uses, written to be read,
no framework imported. ``--backend=reference`` tests it with the other surfaces; alone it is
``--backend=impls.reference.tf2``.

- ``Variable``        impls/reference/keras.py's Variable, readable as a tensor (``read_value``, arithmetic)
- ``constant``, ``cast``, ``reduce_sum`` and the dtypes ``int32``, ``int64``, ``float32``
- ``GradientTape``    records the trainable variables read inside it; ``gradient`` by reverse accumulation
- ``function``        a decorator; a call runs the Python body once, so every variable update in it happens once
  per call (TensorFlow traces the body and then runs the graph: the same effects on variables)
- ``train.Checkpoint`` saves and restores the variables of the objects given to it (variables and optimizers)
- ``keras``           impls/reference/keras.py: ``keras.optimizers.SGD`` and the others, with ``iterations``
"""

from __future__ import annotations

import itertools
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from impls.reference import keras

__version__ = "1.0.0"
int32, int64, float32 = "int32", "int64", "float32"
_TAPES: list[GradientTape] = []  # the tapes recording now, innermost last


class Tensor:
    """An immutable value; ``_inputs`` are (input, vector-Jacobian product) pairs for reverse accumulation."""

    def __init__(self, value, inputs=(), variable=None):
        self._value = np.asarray(value)
        self._inputs = tuple(inputs)
        self._variable = variable  # the variable this tensor is a read of, if it is one

    dtype = property(lambda self: str(self._value.dtype))
    shape = property(lambda self: self._value.shape)

    def numpy(self):
        return self._value.copy()

    def __array__(self, dtype=None, copy=None):
        return self.numpy() if dtype is None else self.numpy().astype(dtype)

    def __int__(self):
        return int(self._value)

    def __float__(self):
        return float(self._value)

    def __add__(self, other):
        a, b = self, _tensor(other, self.dtype)
        return Tensor(a._value + b._value, [(a, lambda g: g), (b, lambda g: g)])

    def __sub__(self, other):
        a, b = self, _tensor(other, self.dtype)
        return Tensor(a._value - b._value, [(a, lambda g: g), (b, lambda g: -g)])

    def __mul__(self, other):
        a, b = self, _tensor(other, self.dtype)
        return Tensor(a._value * b._value, [(a, lambda g: g * b._value), (b, lambda g: g * a._value)])

    def __neg__(self):
        return Tensor(-self._value, [(self, lambda g: -g)])

    __radd__ = __add__
    __rmul__ = __mul__

    def __rsub__(self, other):
        return _tensor(other, self.dtype) - self

    def __repr__(self):
        return f"<Tensor shape={self.shape} dtype={self.dtype} value={self._value!r}>"


def _tensor(x, like: str | None = None) -> Tensor:
    """``x`` as a Tensor: a Variable is read (and recorded by the tapes), a Python number takes ``like``'s dtype."""
    if isinstance(x, Tensor):
        return x
    if isinstance(x, Variable):
        return x.read_value()
    if isinstance(x, (bool, int, float)) and like is not None:
        return Tensor(np.asarray(x, dtype=like))
    return constant(x)


def constant(value, dtype=None) -> Tensor:
    return Tensor(np.asarray(_plain(value), dtype=dtype if dtype is not None else keras._default_dtype(value)))


def cast(x, dtype) -> Tensor:
    """``x`` as ``dtype``; like TensorFlow, no gradient flows through a cast from an integer."""
    x = _tensor(x)
    keep = np.dtype(x.dtype).kind == "f" and np.dtype(dtype).kind == "f"
    return Tensor(x.numpy().astype(dtype), [(x, lambda g: g)] if keep else [])


def reduce_sum(x) -> Tensor:
    x = _tensor(x)
    return Tensor(x.numpy().sum(), [(x, lambda g: np.broadcast_to(g, x.shape))])


def _plain(value):
    return value.numpy() if isinstance(value, (Tensor, keras.Variable)) else value


class Variable(keras.Variable):
    """A keras.Variable that reads as a Tensor: arithmetic on it is recorded by the tapes open when it is read."""

    def read_value(self) -> Tensor:
        for tape in _TAPES:
            if self.trainable:
                tape.watch(self)
        return Tensor(self.numpy(), variable=self)

    def __add__(self, other):
        return self.read_value() + other

    def __sub__(self, other):
        return self.read_value() - other

    def __mul__(self, other):
        return self.read_value() * other

    def __rsub__(self, other):
        return other - self.read_value()

    def __neg__(self):
        return -self.read_value()

    __radd__ = __add__
    __rmul__ = __mul__

    def assign_add(self, delta) -> Variable:
        return super().assign_add(_plain(delta))

    def assign_sub(self, delta) -> Variable:
        with np.errstate(all="ignore"):
            return self.assign(self.numpy() - np.asarray(_plain(delta), dtype=self.dtype))

    def assign(self, value) -> Variable:
        return super().assign(_plain(value))


class GradientTape:
    """Records the trainable variables read while it is open; ``gradient`` differentiates what was computed."""

    def __init__(self, persistent: bool = False):
        self._watched: dict[int, Variable] = {}
        self._persistent, self._used = persistent, False

    def __enter__(self) -> GradientTape:
        _TAPES.append(self)
        return self

    def __exit__(self, *exc) -> None:
        _TAPES.remove(self)

    def watch(self, variable) -> None:
        self._watched[id(variable)] = variable

    def watched_variables(self) -> tuple:
        return tuple(self._watched.values())

    def gradient(self, target, sources):
        """d sum(target) / d source for each source (a list, or one source): None for a source that the target does
        not depend on, or that this tape did not watch."""
        if self._used and not self._persistent:
            raise RuntimeError("A non-persistent GradientTape can only be used to compute one set of gradients")
        self._used = True
        grads = _backward(_tensor(target))
        single = not isinstance(sources, (list, tuple))
        out = [Tensor(grads[id(s)]) if id(s) in grads and id(s) in self._watched else None
               for s in ([sources] if single else sources)]
        return out[0] if single else out


def _backward(target: Tensor) -> dict[int, np.ndarray]:
    """Reverse accumulation from ``target`` (seeded with ones): the gradient reaching each variable read, by id."""
    order, seen = [], set()

    def visit(node):
        if id(node) not in seen:
            seen.add(id(node))
            for parent, _ in node._inputs:
                visit(parent)
            order.append(node)

    visit(target)
    adjoint = {id(target): np.ones(target.shape, dtype=target._value.dtype)}
    grads: dict[int, np.ndarray] = {}
    for node in reversed(order):
        g = adjoint.get(id(node))
        if g is None:
            continue
        if node._variable is not None:
            grads[id(node._variable)] = grads.get(id(node._variable), 0) + g
        for parent, vjp in node._inputs:
            contribution = _unbroadcast(np.asarray(vjp(g)), parent.shape)
            adjoint[id(parent)] = adjoint.get(id(parent), 0) + contribution
    return grads


def _unbroadcast(g: np.ndarray, shape: tuple) -> np.ndarray:
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and g.shape[axis] != 1:
            g = g.sum(axis=axis, keepdims=True)
    return g


class Function:
    """What ``function`` returns: calls run the Python body, once per call."""

    def __init__(self, python_function):
        self.python_function = python_function

    def __call__(self, *args, **kwargs):
        return self.python_function(*args, **kwargs)


def function(func=None, **options):
    """``@function`` or ``@function(**options)`` (options such as ``reduce_retracing`` change nothing here)."""
    return Function(func) if func is not None else Function


_SAVES = itertools.count(1)


class Checkpoint:
    """Saves the variables of the objects it is given by keyword: a variable, or an object with ``variables``
    (an optimizer: its ``iterations`` first, then its slots)."""

    def __init__(self, **objects):
        self._objects = objects
        self._count = 0

    def _variables(self) -> dict[str, keras.Variable]:
        found = {}
        for key, obj in self._objects.items():
            if isinstance(obj, keras.Variable):
                found[key] = obj
            else:
                found.update({f"{key}/{i}": v for i, v in enumerate(obj.variables)})
        return found

    def save(self, file_prefix) -> str:
        self._count += 1
        path = f"{file_prefix}-{self._count}"
        np.savez(f"{path}.npz", **{key: v.numpy() for key, v in self._variables().items()})
        return path

    def restore(self, save_path) -> Checkpoint:
        """Assign every saved value whose variable exists here (an optimizer's slots exist once it is built)."""
        with np.load(f"{Path(save_path)}.npz") as saved:
            for key, variable in self._variables().items():
                if key in saved.files:
                    variable.assign(saved[key])
        return self

    def expect_partial(self) -> Checkpoint:
        """What TensorFlow's restore status offers to silence its warning about values not restored yet."""
        return self


train = SimpleNamespace(Checkpoint=Checkpoint)
