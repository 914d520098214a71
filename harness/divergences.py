"""Known divergences: spec/divergences/<implementation>.toml, loaded, checked and matched to tests.

Each entry becomes a strict xfail on the matching tests. The plugin then checks that the test failed the way
the entry says (``raises`` and ``match``); a pass or a different failure fails the run.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from harness.outcomes import BackendCrash, ConformanceFailure

WHY = ("documented-bug", "version-difference", "by-design", "not-implemented")
FIELDS = ("test", "clause", "why", "reason", "link", "raises", "match")
OPTIONAL = ("condition",)


def _resource_variables(namespace) -> bool:
    enabled = getattr(namespace, "resource_variables_enabled", None)
    return bool(enabled()) if callable(enabled) else False


#: Conditions an entry may hold under (field ``condition``); each is a predicate on the backend's namespace.
CONDITIONS = {
    "resource-variables": _resource_variables,  # TensorFlow with resource variables on (the TF2 default)
}


class DivergenceFileError(ValueError):
    """A malformed divergences file; the message names the file, the entry and the field."""


@dataclass(frozen=True)
class Divergence:
    test: str
    clause: str
    why: str
    reason: str
    link: str
    raises: str  # "contract" or "crash:<ExceptionType>"
    match: str
    origin: str
    condition: str | None = None

    def holds_for(self, backend) -> bool:
        """Whether the entry applies to ``backend`` (always, unless it has a condition)."""
        return self.condition is None or CONDITIONS[self.condition](backend.namespace)

    def explains(self, exc: BaseException) -> str | None:
        """None if ``exc`` is the recorded failure, else what differs."""
        if self.raises == "contract":
            if not isinstance(exc, ConformanceFailure):
                return f"expected a contract failure, got {type(exc).__name__}"
        else:
            wanted = self.raises.removeprefix("crash:")
            cause = exc.__cause__ if isinstance(exc, BackendCrash) else None
            if cause is None or type(cause).__name__ != wanted:
                got = type(cause).__name__ if cause is not None else type(exc).__name__
                return f"expected the backend to crash with {wanted}, got {got}"
        if self.match not in str(exc):
            return f"expected the message to contain {self.match!r}"
        return None


def load(path: Path, known_clauses) -> list[Divergence]:
    """Entries of one divergences file; DivergenceFileError on the first malformed one."""
    if not path.is_file():
        raise DivergenceFileError(f"{path}: no such divergences file")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DivergenceFileError(f"{path}: not valid TOML: {exc}") from None
    entries = []
    for index, record in enumerate(data.get("divergence", []), start=1):
        where = f"{path}: [[divergence]] #{index}"
        for name in FIELDS:
            if not isinstance(record.get(name), str) or not record[name].strip():
                raise DivergenceFileError(f"{where}: field {name!r} is missing or empty; required: {', '.join(FIELDS)}")
        if unknown := set(record) - set(FIELDS) - set(OPTIONAL):
            raise DivergenceFileError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        if record["why"] not in WHY:
            raise DivergenceFileError(f"{where}: field 'why' = {record['why']!r}; valid: {', '.join(WHY)}")
        if record["clause"] not in known_clauses:
            raise DivergenceFileError(f"{where}: field 'clause' = {record['clause']!r} is not a clause id")
        if record["raises"] != "contract" and not record["raises"].startswith("crash:"):
            raise DivergenceFileError(f"{where}: field 'raises' = {record['raises']!r}; valid: contract, crash:<Type>")
        if record.get("condition", None) is not None and record["condition"] not in CONDITIONS:
            raise DivergenceFileError(f"{where}: field 'condition' = {record['condition']!r}; "
                                      f"valid: {', '.join(CONDITIONS)}")
        entries.append(Divergence(**record, origin=f"{path.name}#{index}"))
    return entries
