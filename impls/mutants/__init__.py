"""Deliberately broken backends: each breaks one sentence of the contract, the way a real implementation did.

A mutant is a module with a one-line docstring saying what it breaks, ``KILLED_BY`` (the clause ids whose tests
must fail on it) and ``api``, the namespace to test: ``pytest --backend=impls.mutants.<name>:api``. Build it with
``mutate(base, train={...})``: the base namespace with some ``train`` functions replaced.
"""

from __future__ import annotations

from types import SimpleNamespace


class Mutated:
    """``base`` with some names replaced; ``train`` is itself a Mutated when any train function is replaced."""

    def __init__(self, base, replacements: dict):
        self._base, self._replacements = base, replacements

    def __getattr__(self, name):
        if name in self._replacements:
            return self._replacements[name]
        return getattr(self._base, name)


def mutate(base, train: dict | None = None, **names) -> Mutated:
    """``base`` (a tf.compat.v1-like namespace) with ``names`` and ``train.<name>`` functions replaced."""
    replacements = dict(names)
    if train:
        replacements["train"] = Mutated(base.train, train)
    return Mutated(base, replacements)


__all__ = ["Mutated", "SimpleNamespace", "mutate"]
