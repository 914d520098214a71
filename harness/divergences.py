"""Known divergences: spec/divergences/<implementation>.toml, loaded, checked and matched to tests.

Each entry becomes a strict xfail on the matching tests. The plugin then checks that the test failed the way
the entry says (``raises`` and ``match``); a pass or a different failure fails the run.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from harness.outcomes import BackendCrash, ConformanceFailure, MissingAPI

WHY = ("documented-bug", "version-difference", "by-design", "not-implemented")
FIELDS = ("test", "clause", "why", "reason", "link", "raises", "match")
OPTIONAL = ("condition", "versions")


def _resource_variables(namespace) -> bool:
    enabled = getattr(namespace, "resource_variables_enabled", None)
    return bool(enabled()) if callable(enabled) else False


def _keras_framework(namespace) -> str | None:
    backend = getattr(getattr(namespace, "backend", None), "backend", None)
    return backend() if callable(backend) else None


#: Conditions an entry may hold under (field ``condition``); each is a predicate on the backend's namespace.
CONDITIONS = {
    "resource-variables": _resource_variables,  # TensorFlow with resource variables on (the TF2 default)
    "ref-variables": lambda ns: not _resource_variables(ns),  # TensorFlow with resource variables off
    "keras-not-on-tensorflow": lambda ns: _keras_framework(ns) not in (None, "tensorflow"),  # JAX, PyTorch, NumPy
    "keras-on-jax": lambda ns: _keras_framework(ns) == "jax",
    "keras-on-torch": lambda ns: _keras_framework(ns) == "torch",
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
    raises: str  # "contract", "missing" (an API name or an option the backend lacks) or "crash:<ExceptionType>"
    match: str
    origin: str
    condition: str | None = None
    versions: str | None = None  # a PEP 440 specifier such as ">=2.16,<2.22"

    def holds_for(self, backend) -> bool:
        """Whether the entry applies to ``backend``: its version is in ``versions`` and its condition holds."""
        if self.versions is not None:
            try:
                if Version(backend.version) not in SpecifierSet(self.versions):
                    return False
            except InvalidVersion:
                return False
        return self.condition is None or CONDITIONS[self.condition](backend.namespace)

    def explains(self, exc: BaseException) -> str | None:
        """None if ``exc`` is the recorded failure, else what differs."""
        if self.raises == "contract":
            if not isinstance(exc, ConformanceFailure):
                return f"expected a contract failure, got {type(exc).__name__}"
        elif self.raises == "missing":
            if not isinstance(exc, MissingAPI):
                return f"expected a missing API name or option, got {type(exc).__name__}"
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
    """Entries of one divergences file; DivergenceFileError names the file, line and field of the first problem."""
    if not path.is_file():
        raise DivergenceFileError(f"{path}: no such divergences file")
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DivergenceFileError(f"{path}: not valid TOML: {exc}") from None
    entries = []
    for index, record in enumerate(data.get("divergence", []), start=1):
        def problem(field: str, what: str, index=index) -> DivergenceFileError:
            return DivergenceFileError(f"{path}:{_line_of(text, index, field)}: [[divergence]] #{index}: {what}")

        for name in FIELDS:
            if not isinstance(record.get(name), str) or not record[name].strip():
                raise problem(name, f"field {name!r} is missing or empty; required: {', '.join(FIELDS)}")
        if unknown := sorted(set(record) - set(FIELDS) - set(OPTIONAL)):
            raise problem(unknown[0], f"unknown field(s) {', '.join(unknown)}; "
                                      f"valid: {', '.join(FIELDS + OPTIONAL)}")
        if record["why"] not in WHY:
            raise problem("why", f"field 'why' = {record['why']!r}; valid: {', '.join(WHY)}")
        if record["clause"] not in known_clauses:
            raise problem("clause", f"field 'clause' = {record['clause']!r} is not a clause id")
        if record["raises"] not in ("contract", "missing") and not record["raises"].startswith("crash:"):
            raise problem("raises", f"field 'raises' = {record['raises']!r}; valid: contract, missing, crash:<Type>")
        if record.get("condition") is not None and record["condition"] not in CONDITIONS:
            raise problem("condition", f"field 'condition' = {record['condition']!r}; "
                                       f"valid: {', '.join(CONDITIONS)}")
        if record.get("versions") is not None:
            try:
                SpecifierSet(record["versions"])
            except InvalidSpecifier:
                raise problem("versions", f"field 'versions' = {record['versions']!r} is not a version "
                                          "specifier such as '>=2.16,<2.22'") from None
        entries.append(Divergence(**record, origin=f"{path.name}#{index}"))
    return entries


def _line_of(text: str, index: int, field: str) -> int:
    """The line of ``field`` in the ``index``-th [[divergence]] table (of its header if the field is absent)."""
    lines = text.splitlines()
    headers = [n for n, line in enumerate(lines, start=1) if line.strip() == "[[divergence]]"]
    if index > len(headers):
        return 1
    start = headers[index - 1]
    end = headers[index] if index < len(headers) else len(lines) + 1
    for number in range(start + 1, end):
        if lines[number - 1].split("=")[0].strip() == field:
            return number
    return start


def assign(values: list[str], backends: list[str]) -> dict[str, Path | None]:
    """The divergences file each backend named by the ``--divergences`` values (``[BACKEND=]FILE``) gets.

    ``BACKEND=FILE`` names the backend it belongs to; a bare ``FILE`` is allowed with a single backend only
    (one file for several backends would turn a correct backend's passes into strict-xfail failures).
    ``BACKEND=`` (no file) runs that backend with no known divergence. Backends not named are left out: their
    default is the caller's.
    """
    chosen: dict[str, Path | None] = {}
    for value in values:
        name, sep, file = value.partition("=")
        if not sep or name not in backends:
            if sep and not Path(value).exists():
                raise DivergenceFileError(
                    f"--divergences={value}: {name!r} is not a backend under test "
                    f"(backends: {', '.join(backends)}); write --divergences=BACKEND=FILE")
            if len(backends) > 1:
                raise DivergenceFileError(
                    f"--divergences={value}: one file for {len(backends)} backends ({', '.join(backends)}) "
                    f"would apply one backend's known divergences to all; name the backend it belongs to: "
                    f"--divergences=BACKEND=FILE (repeatable)")
            name, file = backends[0], value
        if name in chosen:
            raise DivergenceFileError(f"--divergences gives backend {name!r} two files; give one per backend")
        chosen[name] = Path(file) if file else None
    return chosen
