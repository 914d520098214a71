"""The three ways a conformance test can go wrong, kept apart so reports never confuse them.

- ``ConformanceFailure``: the backend answered, and the answer breaks the clause (an AssertionError).
- ``BackendCrash``: the backend raised where the clause expects no exception.
- ``MissingAPI``: the backend does not have a name the test needs.

``BackendCrash`` and ``MissingAPI`` are deliberately not AssertionErrors (test262 keeps ``Test262Error`` apart
from the implementation's own exceptions for the same reason).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools

# The clause ids of the running test, set by the plugin from its ``clause`` marker(s).
current_clauses: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar("current_clauses", default=())


class _Outcome:
    """Remembers which clauses were being checked when it was raised (for kill matrices and reports)."""

    def __init__(self, *args):
        super().__init__(*args)
        self.clauses: tuple[str, ...] = current_clauses.get()


class ConformanceFailure(_Outcome, AssertionError):
    """The backend broke the contract: it returned or did something the clause rules out."""


class BackendCrash(_Outcome, Exception):
    """The backend raised an exception where the clause expects none."""


class MissingAPI(BackendCrash):
    """The backend lacks an API name the test needs."""


@contextlib.contextmanager
def checking(*clause_ids: str):
    """Within this block, failures are attributed to ``clause_ids`` (used by the stateful rules)."""
    token = current_clauses.set(clause_ids)
    try:
        yield
    finally:
        current_clauses.reset(token)


def context(backend_name: str) -> str:
    """The ``{backend=..., clause=...}`` tag that ends every failure message."""
    clauses = ", ".join(current_clauses.get()) or "none"
    return f"{{backend={backend_name}, clause={clauses}}}"


def clauses(*ids: str):
    """A stateful machine's rule that checks ``ids``: failures inside it are attributed to them, and the machine's
    test cites them all (``rule.clauses``)."""

    def decorate(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            with checking(*ids):
                return function(*args, **kwargs)

        wrapper.clauses = ids
        return wrapper

    return decorate


def machine_clauses(machine: type, *checked_after_every_rule: str) -> list[str]:
    """The clauses a stateful machine's test cites: its rules' and invariants' (``clauses``), and those it checks
    after every rule outside them."""
    return sorted({c for member in vars(machine).values() for c in getattr(member, "clauses", ())}
                  | set(checked_after_every_rule))
