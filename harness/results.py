"""Per-test verdicts, classified from the outcome classes and written as JSON with ``--results=FILE``.

Verdicts:

- ``pass``     the test passed
- ``fail``     the backend broke the contract (ConformanceFailure)
- ``error``    the backend raised where the clause allows no exception (BackendCrash)
- ``missing``  the backend lacks an API name the test needs (MissingAPI)
- ``xfail``    a recorded divergence or an informative (observed) clause, with its reason
- ``skip``     skipped, with its reason
- ``broken``   the test itself raised something else: a defect of the suite, never of the backend

Each record also names the clauses that were being checked when it failed (``failed_clauses``), which can be
narrower than the test's markers (the stateful test checks many clauses, one rule at a time).
"""

from __future__ import annotations

import json
from pathlib import Path

from harness.outcomes import BackendCrash, ConformanceFailure, MissingAPI

PROPERTY = "global_step_result"  # the name of the report's user property that carries the record
# MissingAPI subclasses BackendCrash, so it is looked for first; a contract failure outranks both.
PRIORITY = (ConformanceFailure, MissingAPI, BackendCrash)


def classify(exc: BaseException | None) -> tuple[str, BaseException | None]:
    """The verdict for a test that raised ``exc`` (None: it passed), and the exception that decided it."""
    if exc is None:
        return "pass", None
    found = list(_flatten(exc))
    for kind in PRIORITY:
        for candidate in found:
            if isinstance(candidate, kind):
                return _verdict_of(candidate), candidate
    return "broken", found[0]


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


def record(item, report, call, clauses: tuple[str, ...], backend) -> dict:
    """One test's result as a JSON-ready dict."""
    if hasattr(report, "wasxfail"):
        verdict, decided, reason = "xfail", None, report.wasxfail
    elif report.skipped:
        verdict, decided = "skip", None
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    else:
        verdict, decided = classify(call.excinfo.value if call.excinfo else None)
        reason = None
    message = str(decided).splitlines()[0] if decided is not None and str(decided) else None
    if decided is not None and not message:
        message = type(decided).__name__
    return {
        "nodeid": item.nodeid,
        "test": item.originalname,
        "backend": backend.name if backend else None,
        "clauses": list(clauses),
        "verdict": verdict,
        "failed_clauses": list(getattr(decided, "clauses", ()) or clauses) if decided is not None else [],
        "exception": type(decided).__name__ if decided is not None else None,
        "message": message,
        "reason": reason,
    }


class Collector:
    """Gathers the records from the test reports (also those that pytest-xdist workers send) and writes them."""

    def __init__(self, path: Path, meta: dict, problems: list):
        self.path, self.meta, self.problems, self.records = path, meta, problems, []

    def pytest_runtest_logreport(self, report):
        self.records.extend(value for name, value in report.user_properties if name == PROPERTY)

    def pytest_sessionfinish(self, session):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        document = {"meta": {**self.meta, "problems": self.problems}, "results": self.records}
        self.path.write_text(json.dumps(document, indent=1), encoding="utf-8")
