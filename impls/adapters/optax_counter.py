"""optax as a counter backend (built-in name ``optax``): the step is the ``count`` of the optimizer state.

Each optimizer is ``optax.inject_hyperparams(optax.<name>)(learning_rate=...)``, the optax way to have a step in
every optimizer's state (plain ``optax.sgd`` keeps none); a learning-rate schedule is called with that count.
``LossScaleOptimizer(inner)`` is ``optax.apply_if_finite`` around the inner optimizer's transformation: optax's
own way to skip a step whose gradients are not finite. The rest of the names: impls/adapters/functional.py.
"""

import jax
import jax.numpy as jnp
import numpy as np
import optax

from impls.adapters.functional import FunctionalOptimizer, Variable, ops, optimizers_namespace

__version__ = optax.__version__
__implementation__ = "optax"  # spec/divergences/optax.toml
__all__ = ["Variable", "ops", "optimizers"]


class Optimizer(FunctionalOptimizer):
    factory = None  # the optax function that makes the transformation

    def __init__(self, learning_rate=0.001, name: str | None = None):
        super().__init__(learning_rate, name)
        self._tx = optax.inject_hyperparams(type(self).factory)(learning_rate=self.learning_rate)
        self._wrappers = 0  # how many apply_if_finite layers are around the injected state
        self._state = None

    def _inject_state(self, state):
        for _ in range(self._wrappers):
            state = state.inner_state
        return state

    def _with_count(self, state, count, depth: int = 0):
        if depth == self._wrappers:
            return state._replace(count=count)
        return state._replace(inner_state=self._with_count(state.inner_state, count, depth + 1))

    def _initial_step(self):
        return self._inject_state(self._tx.init([])).count

    def _make_state(self) -> None:
        self._state = self._tx.init([v.value for v in self._variables])

    def _read_state_step(self):
        return self._inject_state(self._state).count

    def _write_state_step(self, value) -> None:
        count = self._inject_state(self._state).count
        self._state = self._with_count(self._state, jnp.asarray(np.asarray(value), dtype=count.dtype))

    def _update(self, grads):
        params = [v.value for v in self._variables]
        updates, self._state = self._tx.update(grads, self._state, params)
        return optax.apply_updates(params, updates)

    def _skip_non_finite(self) -> None:
        self._tx = optax.apply_if_finite(self._tx, max_consecutive_errors=2**30)
        self._wrappers += 1

    def _leaves(self) -> list:
        return jax.tree_util.tree_leaves(self._state)

    def _load_leaves(self, leaves) -> None:
        treedef = jax.tree_util.tree_structure(self._state)
        self._state = jax.tree_util.tree_unflatten(treedef, [jnp.asarray(leaf) for leaf in leaves])


optimizers = optimizers_namespace(Optimizer)
