"""A pytest plugin for the self-tests' mutant runs: each mutant runs only the tests of the clauses it declares,
and stops running them once they have caught it.

``pytest tests -p meta_tests.declared_only --backend=impls.mutants.a:api,...`` deselects every (test, mutant)
pair whose test checks none of the mutant's ``KILLED_BY`` clauses. Whether a mutant is caught by a declared
clause needs nothing else, and the runs take a fraction of the time. Other backends keep every test.

``--stop-when-caught`` skips the rest of a mutant's tests once they can tell nothing new (a skip never counts as
a catch, so this cannot turn a survivor into a kill):

- ``clause``: a test whose declared clauses have all caught the mutant already, the declared way. Which declared
  clauses catch each mutant (the kill matrix, the README's kill table) comes out exactly as in a full run.
- ``mutant``: every test, once one declared clause has caught the mutant (enough for "caught on every seed").
"""

from __future__ import annotations

import collections

import pytest

PREFIX, SUFFIX = "impls.mutants.", ":api"
#: How a mutant may be caught (its KILLED_BY values) and the verdicts that count as each: a contract failure or a
#: missing name for "fail"; a backend crash for "crash". A harness error ("broken") never counts.
KINDS = {"fail": ("fail", "missing"), "crash": ("error",)}
_DECLARED: dict[str, dict[str, str] | None] = {}
_CAUGHT: collections.defaultdict[str, set[str]] = collections.defaultdict(set)  # backend -> clauses that caught it


def declared_clauses(backend_name: str) -> dict[str, str] | None:
    """A mutant backend's KILLED_BY (clause -> kind), or None for a backend that is not a shipped mutant."""
    from impls import mutants

    if backend_name not in _DECLARED:
        shipped = backend_name.startswith(PREFIX) and backend_name.endswith(SUFFIX)
        _DECLARED[backend_name] = (dict(mutants.load(backend_name[len(PREFIX):-len(SUFFIX)]).KILLED_BY)
                                   if shipped else None)
    return _DECLARED[backend_name]


def pytest_addoption(parser):
    parser.getgroup("global-step-conformance self-tests").addoption(
        "--stop-when-caught", choices=("never", "clause", "mutant"), default="never",
        help="skip a mutant's remaining tests once its declared clauses (clause) or one of them (mutant) caught it")


def pytest_configure(config):
    from harness.plugin import BACKEND_FILTER

    def wanted(backend, clause_ids) -> bool:  # collecting 110 mutants x every test only to deselect most costs
        declared = declared_clauses(backend.name)
        return declared is None or bool(set(declared) & set(clause_ids))

    config.stash[BACKEND_FILTER] = wanted


@pytest.hookimpl(wrapper=True)  # after every other implementation: the suite's plugin stashes each item's clauses
def pytest_collection_modifyitems(config, items):
    yield
    from harness.plugin import ITEM_CLAUSES, _backend_of  # imported late: the suite's conftest loads it first

    keep, drop = [], []
    for item in items:
        backend = _backend_of(item)
        wanted = None if backend is None else declared_clauses(backend.name)
        (keep if wanted is None or set(wanted) & set(item.stash.get(ITEM_CLAUSES, ())) else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    from harness.plugin import ITEM_CLAUSES, _backend_of

    mode = item.config.getoption("stop_when_caught")
    backend = _backend_of(item)
    wanted = None if backend is None or mode == "never" else declared_clauses(backend.name)
    if not wanted:
        return
    caught = _CAUGHT[backend.name]
    if (mode == "mutant" and caught) or (mode == "clause" and set(wanted) & set(item.stash[ITEM_CLAUSES]) <= caught):
        pytest.skip(f"--stop-when-caught={mode}: already caught by {', '.join(sorted(caught))}")


def pytest_runtest_logreport(report):
    from harness.results import PROPERTY

    for name, record in report.user_properties:
        wanted = declared_clauses(record["backend"]) if name == PROPERTY and record["backend"] else None
        if wanted:
            _CAUGHT[record["backend"]].update(clause for clause in record["failed_clauses"]
                                              if clause in wanted and record["verdict"] in KINDS[wanted[clause]])
