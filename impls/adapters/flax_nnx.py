"""Flax NNX as a counter backend (built-in name ``flax-nnx``): the step is ``nnx.Optimizer.step``.

Each optimizer is ``nnx.Optimizer(model, optax.<name>(learning_rate), wrt=nnx.Param)`` over a module whose
parameters are the trained variables, made when the optimizer is built (NNX needs the model first); before that,
the step reads what a new ``nnx.Optimizer`` starts at. ``apply_gradients`` is ``optimizer.update(model, grads)``.
``LossScaleOptimizer(inner)`` wraps the inner optimizer's transformation in ``optax.apply_if_finite``. The rest
of the names: impls/adapters/functional.py.
"""

import flax
import jax
import jax.numpy as jnp
import numpy as np
import optax
from flax import nnx

from impls.adapters.functional import FunctionalOptimizer, Variable, ops, optimizers_namespace

__version__ = flax.__version__
__implementation__ = "flax"  # spec/divergences/flax.toml
__all__ = ["Variable", "ops", "optimizers"]


class Params(nnx.Module):
    """The trained variables as one NNX module: ``ws[i]`` is the i-th variable's parameter."""

    def __init__(self, arrays):
        self.ws = nnx.List([nnx.Param(a) for a in arrays])


class Optimizer(FunctionalOptimizer):
    factory = None  # the optax function that makes the transformation

    def __init__(self, learning_rate=0.001, name: str | None = None):
        super().__init__(learning_rate, name)
        self._tx = type(self).factory(learning_rate=self.learning_rate)
        self._model = self._optimizer = None

    def _initial_step(self):
        return nnx.Optimizer(Params([]), self._tx, wrt=nnx.Param).step[...]

    def _make_state(self) -> None:
        self._model = Params([v.value for v in self._variables])
        self._optimizer = nnx.Optimizer(self._model, self._tx, wrt=nnx.Param)

    def _read_state_step(self):
        return self._optimizer.step[...]

    def _write_state_step(self, value) -> None:
        self._optimizer.step[...] = jnp.asarray(np.asarray(value), dtype=self._optimizer.step[...].dtype)

    def _update(self, grads):
        for parameter, variable in zip(self._model.ws, self._variables, strict=True):
            parameter[...] = variable.value  # a value assigned to the variable since the last update
        state = nnx.state(self._model, nnx.Param)
        treedef = jax.tree_util.tree_structure(state)
        self._optimizer.update(self._model, jax.tree_util.tree_unflatten(treedef, grads))
        return [parameter[...] for parameter in self._model.ws]

    def _state(self):
        return nnx.state(self._optimizer, nnx.OptState)

    def _skip_non_finite(self) -> None:
        self._tx = optax.apply_if_finite(self._tx, max_consecutive_errors=2**30)

    def _leaves(self) -> list:
        return jax.tree_util.tree_leaves(self._state())

    def _load_leaves(self, leaves) -> None:
        treedef = jax.tree_util.tree_structure(self._state())
        nnx.update(self._optimizer, jax.tree_util.tree_unflatten(treedef, [jnp.asarray(x) for x in leaves]))


optimizers = optimizers_namespace(Optimizer)
