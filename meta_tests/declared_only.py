"""A pytest plugin for the self-tests' mutant runs: each mutant runs only the tests of the clauses it declares.

``pytest tests -p meta_tests.declared_only --backend=impls.mutants.a:api,...`` deselects every (test, mutant)
pair whose test checks none of the mutant's ``KILLED_BY`` clauses. Whether a mutant is caught by a declared
clause needs nothing else, and the runs take a fraction of the time. Other backends keep every test.
"""

from __future__ import annotations

import pytest

PREFIX, SUFFIX = "impls.mutants.", ":api"


def declared_clauses(backend_name: str) -> set[str] | None:
    """The clauses a mutant backend declares, or None for a backend that is not a shipped mutant."""
    from impls import mutants

    if not (backend_name.startswith(PREFIX) and backend_name.endswith(SUFFIX)):
        return None
    return set(mutants.load(backend_name[len(PREFIX):-len(SUFFIX)]).KILLED_BY)


@pytest.hookimpl(wrapper=True)  # after every other implementation: the suite's plugin stashes each item's clauses
def pytest_collection_modifyitems(config, items):
    yield
    from harness.plugin import ITEM_CLAUSES, _backend_of  # imported late: the suite's conftest loads it first

    keep, drop = [], []
    cache: dict[str, set[str] | None] = {}
    for item in items:
        backend = _backend_of(item)
        wanted = None if backend is None else cache.setdefault(backend.name, declared_clauses(backend.name))
        (keep if wanted is None or wanted & set(item.stash.get(ITEM_CLAUSES, ())) else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
