"""Which parameters of the API in scope (spec/api.json) a run really passed, and with which kinds of value.

Coverage is observed, not declared. For a run of the reference, ``Recorder.install`` wraps each API of
spec/api.json where the reference defines it (a function, a class's constructor, a method) and notes every call
the tests make: its arguments bound to the *real* library's signature (so a positional argument counts as the
parameter it lands on in TensorFlow or Keras) and the kind of each value (``int``, ``tensor``, ``callable``,
``schedule``, ...). Calls the reference makes itself (inside another API call, or from its own modules) are not
the tests' and are not counted.

``pytest --api-coverage=FILE`` writes what was seen; ``python -m harness.apicoverage FILE`` prints the table
(API x parameter: drawn with the kinds seen, excluded with the reason, or a gap), judged against
spec/domains.toml.
"""

from __future__ import annotations

import argparse
import collections
import fnmatch
import functools
import importlib
import inspect
import json
import sys
import threading
import tomllib
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

from spec import api as api_module

DOMAINS_FILE = Path(api_module.__file__).with_name("domains.toml")
#: Where the reference implements each surface (harness/backends.py BUILTIN["reference"]).
REFERENCE = {"v1": "impls.reference", "counter": "impls.reference.keras", "tf2": "impls.reference.tf2"}
FORMAT = 1


# -- kinds of values -----------------------------------------------------------------------------------------
def kind_of(value) -> str:
    """The kind of an argument, by what it is, whatever the backend: Python values by type, framework objects by
    their class's name (``variable``, ``ref-variable``, ``tensor``, ``optimizer``, ``schedule`` ...)."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float, str, dict, list, tuple, zip)):
        return type(value).__name__
    if isinstance(value, types.GeneratorType):
        return "generator"
    module = type(value).__module__.split(".")[0]
    if module == "numpy":
        return "numpy-array" if type(value).__name__ == "ndarray" else "numpy-scalar"
    names = [cls.__name__ for cls in type(value).__mro__]
    if any("Variable" in name for name in names):
        return "ref-variable" if getattr(value, "use_resource", True) is False else "variable"
    for marker, kind in (("Optimizer", "optimizer"), ("Schedule", "schedule"), ("Decay", "schedule"),
                         ("Tensor", "tensor"), ("Graph", "graph"), ("Session", "session"), ("DType", "dtype"),
                         ("Operation", "operation"), ("Initializer", "initializer"), ("Checkpoint", "checkpoint"),
                         ("Module", "module"), ("TensorSpec", "tensor-spec")):
        if any(marker in name for name in names):
            return kind
    if isinstance(value, type):
        return "class"
    if callable(value):
        return "callable"
    return type(value).__name__


# -- recording -----------------------------------------------------------------------------------------------
_EMPTY = object()


def _signature(entry: dict) -> inspect.Signature:
    """The real library's signature of an API entry, rebuilt from spec/api.json (defaults do not matter here)."""
    parameters = []
    for p in entry["params"]:
        kind = getattr(inspect.Parameter, p["kind"].upper())
        default = inspect.Parameter.empty if p["default"] is None or kind in (
            inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD) else _EMPTY
        parameters.append(inspect.Parameter(p["name"], kind, default=default))
    return inspect.Signature(parameters)


class Recorder:
    """Wraps the reference's implementation of every API in scope and notes the calls the tests make."""

    def __init__(self, entries: dict | None = None):
        self.entries = entries if entries is not None else api_module.entries()
        self.calls: collections.Counter = collections.Counter()  # "surface:path" -> calls
        self.seen: dict[str, dict[str, set]] = collections.defaultdict(lambda: collections.defaultdict(set))
        self.unknown: dict[str, set] = collections.defaultdict(set)  # arguments the real signature does not take
        self.absent: list[str] = []  # APIs in scope that the reference does not define
        self._patches: list[tuple[object, str, object]] = []
        self._depth = threading.local()

    def install(self) -> Recorder:
        for (surface, path), entry in self.entries.items():
            owner, name = self._owner(surface, path, entry)
            if owner is None:
                self.absent.append(f"{surface}:{path}")
                continue
            original = owner.__dict__.get(name, _EMPTY) if isinstance(owner, type) else getattr(owner, name)
            current = getattr(owner, name)
            self._patches.append((owner, name, original))
            wrapper = self._wrap(current, f"{surface}:{path}", _signature(entry), bound=entry["kind"] != "function")
            setattr(owner, name, wrapper)
        return self

    def uninstall(self) -> None:
        for owner, name, original in reversed(self._patches):
            if original is _EMPTY:
                delattr(owner, name)
            else:
                setattr(owner, name, original)
        self._patches.clear()

    @staticmethod
    def _owner(surface: str, path: str, entry: dict):
        """(object to patch, attribute): a class's ``__init__``, a class's method, or a namespace's function."""
        value = importlib.import_module(REFERENCE[surface])
        parts = path.split(".")
        try:
            for part in parts[:-1]:
                value = getattr(value, part)
            target = getattr(value, parts[-1])
        except AttributeError:
            return None, None
        if entry["kind"] == "class":
            return (target, "__init__") if isinstance(target, type) else (None, None)
        return value, parts[-1]

    def _wrap(self, function, key: str, signature: inspect.Signature, bound: bool):
        recorder = self

        @functools.wraps(function)
        def recording(*args, **kwargs):
            depth = getattr(recorder._depth, "value", 0)
            caller = sys._getframe(1).f_globals.get("__name__") or ""
            if depth == 0 and not caller.startswith("impls."):  # the tests' call, not the reference's own
                recorder._note(key, signature, args[1:] if bound else args, kwargs)
            recorder._depth.value = depth + 1
            try:
                return function(*args, **kwargs)
            finally:
                recorder._depth.value = depth

        return recording

    def _note(self, key: str, signature: inspect.Signature, args, kwargs) -> None:
        self.calls[key] += 1
        try:
            arguments = signature.bind_partial(*args, **kwargs).arguments
        except TypeError as exc:
            self.unknown[key].add(str(exc))
            return
        for name, value in arguments.items():
            kind = signature.parameters[name].kind
            if kind == inspect.Parameter.VAR_KEYWORD:
                for inner in value.values():
                    self.seen[key][f"**{name}"].add(kind_of(inner))
            elif kind == inspect.Parameter.VAR_POSITIONAL:
                for inner in value:
                    self.seen[key][f"*{name}"].add(kind_of(inner))
            else:
                self.seen[key][name].add(kind_of(value))

    def document(self) -> dict:
        return {"format": FORMAT, "calls": dict(sorted(self.calls.items())),
                "seen": {key: {name: sorted(kinds) for name, kinds in sorted(params.items())}
                         for key, params in sorted(self.seen.items())},
                "unknown": {key: sorted(found) for key, found in sorted(self.unknown.items())},
                "absent": sorted(self.absent)}


def merge(documents: list[dict]) -> dict:
    """One document from several (xdist workers, several runs)."""
    calls: collections.Counter = collections.Counter()
    seen: dict = collections.defaultdict(lambda: collections.defaultdict(set))
    unknown: dict = collections.defaultdict(set)
    absent = set.intersection(*(set(d["absent"]) for d in documents)) if documents else set()
    for document in documents:
        calls.update(document["calls"])
        for key, params in document["seen"].items():
            for name, kinds in params.items():
                seen[key][name].update(kinds)
        for key, found in document["unknown"].items():
            unknown[key].update(found)
    merged = Recorder(entries={})
    merged.calls, merged.seen, merged.unknown, merged.absent = calls, seen, unknown, sorted(absent)
    return merged.document()


WORKER_KEY = "global_step_api_coverage"  # pytest-xdist workeroutput key


class Plugin:
    """``--api-coverage=FILE``: record the reference's calls in this process (or in each xdist worker) and write
    what was seen, merged, at the end of the session."""

    def __init__(self, config, path: Path | None):
        self.config, self.path = config, path
        self.recorder = Recorder().install()
        self.workers: list[dict] = []

    def pytest_testnodedown(self, node, error):
        found = getattr(node, "workeroutput", {}).get(WORKER_KEY)
        if found:
            self.workers.append(json.loads(found))

    def document(self) -> dict:
        """What this process (and, in the xdist controller, every worker) recorded."""
        document = self.recorder.document()
        return merge([document, *self.workers]) if self.workers else document

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session):
        self.recorder.uninstall()
        if hasattr(self.config, "workeroutput"):
            self.config.workeroutput[WORKER_KEY] = json.dumps(self.recorder.document())
            return
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.document(), indent=1) + "\n", encoding="utf-8")


# -- judging against spec/domains.toml -----------------------------------------------------------------------
class DomainsFileError(ValueError):
    """spec/domains.toml is malformed; the message says where and what is valid."""


@dataclass(frozen=True)
class Rule:
    """One record of spec/domains.toml: ``domain`` (kinds the tests draw), ``exclude`` or ``pending``."""

    section: str
    apis: tuple[str, ...]
    params: tuple[str, ...]
    kinds: tuple[str, ...] = ()
    text: str = ""  # why (domain), reason (exclude), what is missing (pending)
    line: int = 0

    def matches(self, key: str, name: str) -> bool:
        return (any(fnmatch.fnmatchcase(key, pattern) for pattern in self.apis)
                and any(fnmatch.fnmatchcase(name, pattern) for pattern in self.params))


SECTIONS = {"domain": ("kinds", "why"), "exclude": ("reason",), "pending": ("missing",)}


def load_rules(path: Path = DOMAINS_FILE) -> list[Rule]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DomainsFileError(f"{path}: {exc}") from None
    rules = []
    for section, fields in SECTIONS.items():
        for number, record in enumerate(data.pop(section, []), start=1):
            where = f"{path.name}: [[{section}]] #{number}"
            allowed = {"apis", "params", *fields}
            if set(record) - allowed or not {"apis", "params", *fields[-1:]} <= set(record):
                raise DomainsFileError(f"{where}: fields {sorted(record)}; needs apis, params and {fields[-1]} "
                                       f"(allowed: {sorted(allowed)})")
            if section == "exclude" and "ignores" in record["reason"].lower():
                raise DomainsFileError(f"{where}: 'the reference ignores it' is not a reason to leave a parameter "
                                       "out: the reference is the model, and gains what a dimension needs")
            rules.append(Rule(section, tuple(record["apis"]), tuple(record["params"]), tuple(record.get("kinds", ())),
                              record[fields[-1]], number))
    if data:
        raise DomainsFileError(f"{path.name}: unknown sections {sorted(data)}; valid: {sorted(SECTIONS)}")
    return rules


@dataclass(frozen=True)
class Row:
    """One parameter in scope and what became of it."""

    key: str  # surface:path
    name: str
    verdict: str  # drawn, drawn-partly, excluded, gap
    kinds: tuple[str, ...] = ()  # kinds seen
    missing_kinds: tuple[str, ...] = ()  # declared in a domain, not seen
    note: str = ""  # the exclusion's reason, or the pending record's text


def judge(document: dict, rules: list[Rule], api_path: Path = api_module.API_FILE) -> list[Row]:
    rows = []
    for surface, path, parameter in api_module.parameters(api_path):
        key, name = f"{surface}:{path}", parameter["name"]
        kinds = tuple(document["seen"].get(key, {}).get(name, ()))
        first = {section: next((r for r in rules if r.section == section and r.matches(key, name)), None)
                 for section in SECTIONS}
        if first["exclude"] is not None:
            rows.append(Row(key, name, "excluded", kinds, note=first["exclude"].text))
        elif kinds:
            declared = first["domain"].kinds if first["domain"] else ()
            missing = tuple(k for k in declared if k not in kinds)
            rows.append(Row(key, name, "drawn-partly" if missing else "drawn", kinds, missing))
        else:
            rows.append(Row(key, name, "gap", note=first["pending"].text if first["pending"] else ""))
    return rows


def pending(rows: list[Row], rules: list[Rule]) -> tuple[list[Row], list[Row]]:
    """(gaps no pending record names, pending-named parameters that are no longer gaps): both must be empty."""
    named = [r for r in rules if r.section == "pending"]
    unlisted = [row for row in rows if row.verdict in ("gap", "drawn-partly")
                and not any(rule.matches(row.key, row.name) for rule in named)]
    stale = [row for row in rows if row.verdict == "drawn" and any(rule.matches(row.key, row.name) for rule in named)]
    return unlisted, stale


def table(rows: list[Row]) -> str:
    """The coverage table in Markdown: one line per API, its parameters grouped by verdict."""
    by_api: dict[str, list[Row]] = collections.defaultdict(list)
    for row in rows:
        by_api[row.key].append(row)
    totals = collections.Counter(row.verdict for row in rows)
    lines = [f"{len(rows)} parameters in scope: {totals['drawn']} drawn, {totals['drawn-partly']} drawn in some of "
             f"their kinds, {totals['excluded']} excluded, {totals['gap']} not drawn yet.", "",
             "| API | drawn (kinds seen) | excluded | not drawn yet |", "|---|---|---|---|"]
    for key, found in by_api.items():
        drawn = ", ".join(f"`{r.name}` ({'/'.join(r.kinds)}" + (f"; not yet: {'/'.join(r.missing_kinds)}"
                          if r.missing_kinds else "") + ")" for r in found if r.verdict.startswith("drawn"))
        excluded = ", ".join(f"`{r.name}`" for r in found if r.verdict == "excluded")
        gaps = ", ".join(f"`{r.name}`" for r in found if r.verdict == "gap")
        lines.append(f"| `{key}` | {drawn or '-'} | {excluded or '-'} | {gaps or '-'} |")
    reasons = sorted({(r.note, r.key) for r in rows if r.verdict == "excluded"})
    if reasons:
        lines += ["", "Excluded, and why:", ""]
        by_reason: dict[str, list[str]] = collections.defaultdict(list)
        for note, key in reasons:
            by_reason[note].append(f"`{key}`")
        lines += [f"- {', '.join(keys)}: {note}" for note, keys in by_reason.items()]
    return "\n".join(lines)


PENDING_MARK = "# -- pending: written by python -m harness.apicoverage FILE --write-pending; do not edit below --"


def write_pending(rows: list[Row], path: Path = DOMAINS_FILE) -> None:
    """Replace the [[pending]] part of spec/domains.toml (after PENDING_MARK) with the gaps among ``rows``."""
    by_api: dict[str, list[Row]] = collections.defaultdict(list)
    for row in rows:
        if row.verdict in ("gap", "drawn-partly"):
            by_api[row.key].append(row)
    records = []
    for key, found in by_api.items():
        partly = [f"{r.name}: {'/'.join(r.missing_kinds)}" for r in found if r.missing_kinds]
        missing = "not passed by any test yet" + (f"; kinds not passed yet: {', '.join(partly)}" if partly else "")
        records.append(f'[[pending]]\napis = ["{key}"]\nparams = {json.dumps([r.name for r in found])}\n'
                       f"missing = {json.dumps(missing)}\n")
    head = path.read_text(encoding="utf-8").partition(PENDING_MARK)[0].rstrip("\n")
    path.write_text(head + "\n\n" + PENDING_MARK + "\n\n" + "\n".join(records), encoding="utf-8")


def markdown(document: dict) -> str:
    """The coverage section of a report: the table, judged against spec/domains.toml."""
    return table(judge(document, load_rules()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harness.apicoverage", description=__doc__.split("\n\n")[0])
    parser.add_argument("coverage", nargs="+", help="files written by pytest --api-coverage=FILE")
    parser.add_argument("--write-pending", action="store_true",
                        help="rewrite spec/domains.toml's [[pending]] part: exactly the gaps of this run")
    options = parser.parse_args(argv)
    document = merge([json.loads(Path(p).read_text(encoding="utf-8")) for p in options.coverage])
    rules = [rule for rule in load_rules() if not (options.write_pending and rule.section == "pending")]
    rows = judge(document, rules)
    if options.write_pending:
        write_pending(rows)
        rows = judge(document, load_rules())
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
