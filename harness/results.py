"""Per-test results: verdicts classified from the outcome classes, written as JSON with ``--results=FILE``.

The verdicts and what each means are in ``harness/verdicts.py``.

A record names the clauses the test checks (with level and API) and, for a failure, the clauses that were
being checked when it failed (``failed_clauses``, narrower for the stateful test), the message, the
reproduction snippet and Hypothesis's counterexample. The file's format is ``harness/results.schema.json``.
"""

from __future__ import annotations

import json
import os
import platform
import re
import textwrap
from datetime import UTC, datetime
from pathlib import Path

from harness import verdicts
from harness.outcomes import BackendCrash, ConformanceFailure, MissingAPI

SCHEMA_VERSION = 1
SCHEMA_FILE = Path(__file__).with_name("results.schema.json")
PROPERTY = "global_step_result"  # the name of the report's user property that carries the record
# MissingAPI subclasses BackendCrash, so it is looked for first; a contract failure outranks both.
PRIORITY = (ConformanceFailure, MissingAPI, BackendCrash)
SNIPPET_MARK = "\n\nReproduce with:\n"


def classify(exc: BaseException | None) -> tuple[str, BaseException | None]:
    """The verdict for a test that raised ``exc`` (None: it passed), and the exception that decided it."""
    if exc is None:
        return "pass", None
    found = list(_flatten(exc))
    for kind in PRIORITY:
        for candidate in found:
            if isinstance(candidate, kind):
                return _verdict_of(candidate), candidate
    if any(_is_timeout(candidate) for candidate in found):
        return "error", next(candidate for candidate in found if _is_timeout(candidate))
    return "broken", found[0]


def _is_timeout(exc: BaseException) -> bool:
    """pytest-timeout's failure: the backend hung (``Failed: Timeout (>Ns) from pytest-timeout``)."""
    return "from pytest-timeout" in str(exc).splitlines()[0] if str(exc) else False


def _verdict_of(exc: BaseException) -> str:
    if isinstance(exc, ConformanceFailure):
        return "fail"
    if isinstance(exc, MissingAPI):
        return "missing"
    return "error"


def _flatten(exc: BaseException):
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            yield from _flatten(inner)
    else:
        yield exc


def record(item, report, call, clauses: tuple, backend) -> dict:
    """One test's result as a JSON-ready dict. ``clauses`` are spec Clause objects."""
    verdict, decided, reason = _outcome(report, call)
    text = str(decided) if decided is not None else ""
    if report.failed and (decided is None or getattr(report, "divergence_problem", None)):
        # A known divergence that passed (XPASS strict) or failed another way than recorded.
        verdict, text = "fail", f"{getattr(report, 'divergence_problem', None) or report.longrepr}{SNIPPET_MARK}"
    message, _, snippet = text.partition(SNIPPET_MARK)
    notes = getattr(call.excinfo.value, "__notes__", []) if call.excinfo else []
    return {
        "nodeid": item.nodeid,
        "test": item.originalname,
        "backend": backend.name if backend else None,
        "backend_version": backend.version if backend else None,
        "clauses": [{"id": c.id, "level": c.level, "api": c.api, "group": c.group} for c in clauses],
        "verdict": verdict,
        "reason": reason,
        # A failure counts against the clauses being checked when it was raised, or else all the test's clauses.
        "failed_clauses": (list(getattr(decided, "clauses", ()) or (c.id for c in clauses))
                           if verdict in verdicts.BAD else []),
        "exception": type(decided).__name__ if decided is not None else None,
        "message": message.strip() or (type(decided).__name__ if decided is not None else None),
        "snippet": textwrap.dedent(snippet).strip() or None,
        "counterexample": "\n".join(note for note in notes if isinstance(note, str)).strip() or None,
        "replay": _replay(notes),
        "duration": round(getattr(report, "duration", 0.0), 4),
    }


BLOB = re.compile(r"@reproduce_failure\('([^']+)', (b'[^']*')\)")


def _replay(notes) -> dict | None:
    """Hypothesis's @reproduce_failure arguments, found in the failure's notes (profiles set print_blob)."""
    for note in notes:
        if isinstance(note, str) and (found := BLOB.search(note)):
            return {"hypothesis": found.group(1), "blob": found.group(2)}
    return None


def _outcome(report, call) -> tuple[str, BaseException | None, str | None]:
    if hasattr(report, "wasxfail"):
        return "xfail", None, report.wasxfail
    if report.skipped:
        longrepr = report.longrepr
        return "skip", None, longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    verdict, decided = classify(call.excinfo.value if call.excinfo else None)
    return verdict, decided, None


def run_info(surfaces: list, profile: str, seed, suite_version: str, hypothesis_version: str) -> dict:
    """What a report needs to know about one backend's run: ``surfaces`` are its Backend objects, one per surface
    it provides (the first gives the run's target and version)."""
    backend = surfaces[0]
    return {
        "backend": backend.name, "target": backend.target, "backend_version": backend.version,
        "implementation": backend.implementation, "suite_version": suite_version,
        "hypothesis_profile": profile, "hypothesis_seed": seed, "hypothesis_version": hypothesis_version,
        "python": platform.python_version(), "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "surfaces": {b.surface: {"target": b.target, "backend_version": b.version, "implementation": b.implementation}
                     for b in surfaces},
    }


def document(spec, runs: list[dict], results: list[dict], problems: list[str]) -> dict:
    """A whole results file (see results.schema.json)."""
    from harness import __version__

    return {
        "schema_version": SCHEMA_VERSION,
        "suite": {"name": "global-step-conformance", "version": __version__},
        "spec_version": spec.version,
        "clauses": {c.id: {"group": c.group, "api": c.api, "text": c.text, "source": c.source, "level": c.level,
                           "why": c.why, "surface": c.surface, "counterpart": c.counterpart}
                    for c in spec.clauses.values()},
        "runs": runs,
        "problems": problems,
        "results": results,
    }


WORKER_MAP = "global_step_items"  # pytest-xdist workeroutput key: nodeid -> {"clauses": [...], "backend": name}


def crash_record(nodeid: str, known: dict | None, spec, backends, report) -> dict:
    """The record of a test whose process died (pytest-xdist reports "worker crashed"): verdict ``error``,
    counted against every clause the test checks."""
    known = known or {}
    clauses = [spec.clauses[c] for c in known.get("clauses", ()) if c in spec.clauses]
    backend = next((b for b in backends if b.name == known.get("backend")), None)
    test = nodeid.split("::")[-1].split("[")[0]
    text = str(report.longrepr).strip().splitlines()
    return {
        "nodeid": nodeid, "test": test, "backend": backend.name if backend else known.get("backend"),
        "backend_version": backend.version if backend else None,
        "clauses": [{"id": c.id, "level": c.level, "api": c.api, "group": c.group} for c in clauses],
        "verdict": "error", "reason": None, "failed_clauses": [c.id for c in clauses],
        "exception": "WorkerCrash",
        "message": f"the test's process died (the backend aborted or segfaulted): {text[-1] if text else ''}",
        "snippet": None, "counterexample": None, "replay": None, "duration": round(report.duration or 0.0, 4),
    }


class Collector:
    """Gathers the records from the test reports (also those that pytest-xdist workers send) and writes them.

    A test whose xdist worker died has no record of its own: the controller makes one (``crash_record``), with
    the clauses the workers listed for it at collection.
    """

    def __init__(self, path: Path, config, spec, backends, problems: list):
        self.path, self.config, self.spec, self.backends, self.problems = path, config, spec, backends, problems
        self.records: list[dict] = []
        self.crashed: list = []  # reports of tests whose worker died
        self.items: dict[str, dict] = {}  # from the workers: nodeid -> clauses and backend

    def pytest_runtest_logreport(self, report):
        records = [value for name, value in report.user_properties if name == PROPERTY]
        self.records.extend(records)
        if not records and report.failed and report.when not in ("setup", "call", "teardown"):
            self.crashed.append(report)  # xdist's "worker 'gw0' crashed while running ..." (when="???")

    def pytest_testnodedown(self, node, error):
        self.items.update(getattr(node, "workeroutput", {}).get(WORKER_MAP, {}))

    def pytest_sessionfinish(self, session):
        import hypothesis
        from hypothesis import settings

        from harness import __version__

        seed = self.config.getoption("hypothesis_seed", None)
        names = dict.fromkeys(b.name for b in self.backends)
        runs = [run_info([b for b in self.backends if b.name == name], settings.get_current_profile_name(), seed,
                         __version__, hypothesis.__version__) for name in names]
        self.records += [crash_record(r.nodeid, self.items.get(r.nodeid), self.spec, self.backends, r)
                         for r in self.crashed]
        made = document(self.spec, runs, self.records, self.problems)
        recording = self.config.pluginmanager.get_plugin("global-step-api-coverage")
        if recording is not None:  # the reference ran: what the tests passed to it
            made["api_coverage"] = recording.document()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(made, indent=1)
        self.path.write_text(text, encoding="utf-8")


def writable(path: Path) -> Path:
    """``path``, its missing parent folders created; ValueError when it cannot be written (checked before a run)."""
    path = path.resolve()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValueError(f"--results={path}: cannot create its folder: {exc.strerror or exc}") from None
    if path.is_dir():
        raise ValueError(f"--results={path}: is a folder; give a file name, e.g. {path / 'results.json'}")
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ValueError(f"--results={path}: not writable by this user")
    return path


def load(path: Path) -> dict:
    """A results file, checked against the schema; ValueError says what is wrong and where."""
    import jsonschema

    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read results: {exc}") from None
    try:
        jsonschema.validate(document, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    except jsonschema.ValidationError as exc:
        where = "/".join(map(str, exc.absolute_path)) or "the top level"
        raise ValueError(f"{path}: not a results file of schema version {SCHEMA_VERSION}: at {where}: "
                         f"{exc.message}") from None
    return document
