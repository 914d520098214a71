"""The verdicts a test can get, and everything the harness needs to know about each: the one place they live.

Results, reports, the diff, the self-tests and the results schema all read this module; a meta-test checks that
``results.schema.json``'s enum is :data:`NAMES`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Verdict:
    name: str
    meaning: str
    severity: int  # how bad, for the regression diff: a higher severity is a regression
    gating: bool  # makes a run non-conformant
    symbol: str  # in the Markdown report's clause table
    label: str  # in the HTML report
    junit: str | None  # the JUnit XML element of a test case with this verdict (None: a plain <testcase>)
    replayable: bool  # --replay reruns it on its recorded Hypothesis example


# Worst first: the order used to pick a clause's verdict from its tests' verdicts.
ALL = (
    Verdict("broken", "the test itself raised something else: a defect of the suite, never of the backend",
            severity=5, gating=True, symbol="🛠 broken", label="suite error", junit="error", replayable=False),
    Verdict("fail", "the backend broke the contract (ConformanceFailure)",
            severity=4, gating=True, symbol="❌ fail", label="FAIL", junit="failure", replayable=True),
    Verdict("error", "the backend raised where the clause allows no exception (BackendCrash), hung (a timeout) "
                     "or killed its process",
            severity=4, gating=True, symbol="💥 error", label="ERROR (crash)", junit="error", replayable=True),
    Verdict("missing", "the backend lacks an API name the test needs (MissingAPI)",
            severity=3, gating=True, symbol="❔ missing", label="missing API", junit="error", replayable=True),
    Verdict("xfail", "a recorded divergence or an informative (observed) clause, with its reason",
            severity=1, gating=False, symbol="⚠️ known", label="known divergence", junit="skipped", replayable=False),
    Verdict("skip", "skipped, with its reason",
            severity=2, gating=False, symbol="⏭ skip", label="skipped", junit="skipped", replayable=False),
    Verdict("n/a", "not applicable: the backend does not provide the clause's surface (v1 or counter)",
            severity=2, gating=False, symbol="⬜ n/a", label="not applicable", junit="skipped", replayable=False),
    Verdict("pass", "the test passed",
            severity=0, gating=False, symbol="✅ pass", label="pass", junit=None, replayable=False),
)
BY_NAME = {verdict.name: verdict for verdict in ALL}
NAMES = tuple(BY_NAME)
ORDER = NAMES  # worst first
BAD = tuple(v.name for v in ALL if v.gating)
REPLAYABLE = tuple(v.name for v in ALL if v.replayable)
NOT_RUN = "—"  # the symbol of a clause no test of the run checked


def worst(*names: str) -> str:
    """The worst of some verdicts."""
    return min(names, key=ORDER.index)


def symbol(name: str | None) -> str:
    return BY_NAME[name].symbol if name else NOT_RUN


def severity(name: str | None) -> int:
    """A clause not run counts as a skip."""
    return BY_NAME[name].severity if name else BY_NAME["skip"].severity
