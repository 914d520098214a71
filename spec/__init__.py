"""The global-step contract as data: clauses.toml (the clauses), divergences/ (known backend divergences)."""

from spec.registry import Clause, Spec, SpecError, load

__all__ = ["Clause", "Spec", "SpecError", "load"]
