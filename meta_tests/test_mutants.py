"""The suite bites and does not cry wolf: every mutant is caught, every clause catches one, correct backends pass.

These run the whole conformance suite many times in subprocesses (see meta_tests/selftest.py); they are the
``selftest`` tox env. The kill matrix is printed at the end of the session.
"""

import pytest

from impls import mutants
from meta_tests import selftest
from spec import registry

# They wait for the suite's runs against every mutant, which take many minutes on two cores.
# They wait on whole-suite runs in subprocesses (each test there has its own timeout): no timeout of their own, so
# that a loaded machine makes them slower, never red.
pytestmark = [pytest.mark.selftest, pytest.mark.timeout(0)]


@pytest.mark.parametrize("name", selftest.MUTANTS)
def test_mutant_is_well_formed(name):
    """A mutant has a one-line docstring, an `api`, and declares judged clause ids that exist."""
    module = mutants.load(name)
    assert module.__doc__, f"{name}: a one-line docstring saying what it breaks is wanted"
    assert "\n" not in module.__doc__.strip(), f"{name}: the docstring is more than one line"
    assert hasattr(module, "api"), f"{name}: no `api` to test"
    assert isinstance(module.KILLED_BY, dict), f"{name}: KILLED_BY maps each clause to how it is caught"
    kinds = set(module.KILLED_BY.values()) - set(selftest.KINDS)
    assert not kinds, f"{name}: KILLED_BY kinds {sorted(kinds)} are not one of {sorted(selftest.KINDS)}"
    unknown = set(module.KILLED_BY) - set(selftest.JUDGED)
    assert module.KILLED_BY, f"{name}: KILLED_BY is empty"
    assert not unknown, f"{name}: KILLED_BY names {sorted(unknown)}, which are not documented/de-facto clauses"


def test_every_judged_clause_is_declared_by_a_mutant():
    """Each documented and de-facto clause is the declared target of at least one mutant."""
    declared = set().union(*(set(mutants.load(name).KILLED_BY) for name in selftest.MUTANTS))
    assert sorted(set(selftest.JUDGED) - declared) == []


def test_at_least_five_mutants_wrap_tensorflow():
    """Five or more mutants are TensorFlow with one function replaced."""
    assert len(selftest.TENSORFLOW_MUTANTS) >= 5


@pytest.mark.parametrize("name", selftest.MUTANTS)
def test_mutant_is_caught_by_a_declared_clause(runs, name):
    """The suite catches the mutant in a clause it declares, the way it declares (fail or crash)."""
    caught = runs.kill_matrix()[name]
    declared = selftest.declared(name)
    assert caught & declared, (f"mutant {name} SURVIVED its declared clauses {sorted(declared)}; "
                               f"caught only by {sorted(caught) or 'nothing'}")


@pytest.mark.parametrize("clause", selftest.JUDGED)
def test_clause_catches_a_mutant(runs, clause):
    """Each documented and de-facto clause's tests catch at least one mutant (they can fail)."""
    caught = [name for name, kills in runs.kill_matrix().items() if kills & selftest.declared(name)
              and clause in {c for c, _ in kills & selftest.declared(name)}]
    assert caught, f"clause {clause} caught no mutant: its tests are too weak ({registry.load().clauses[clause].text})"


def test_no_test_breaks_on_a_mutant(runs):
    """On mutants, tests fail with contract failures or backend crashes, never with a harness error."""
    runs_done = [runs.tensorflow_mutants.result(), runs.sample.result(),
                 *(future.result() for future in runs.mutants_by_seed.values())]
    broken = {(r["backend"], r["nodeid"], r["message"]) for run in runs_done for r in run.records
              if r["verdict"] == "broken"}
    assert sorted(broken) == []


@pytest.mark.parametrize("target", selftest.CORRECT_BACKENDS)
def test_correct_backend_has_no_false_alarm(runs, target):
    """A correct but different backend passes: no failure, crash or missing name."""
    run = runs.correct[target].result()
    bad = sorted((r["nodeid"], r["verdict"], r["message"]) for r in run.records
                 if r["verdict"] not in ("pass", "xfail"))
    assert bad == [], run.output
    assert run.returncode == 0, run.output


def test_reference_passes_with_the_same_verdicts_for_every_seed(runs):
    """The suite on the reference passes every test, the same with five Hypothesis seeds."""
    verdicts = {seed: future.result().verdicts() for seed, future in runs.reference_by_seed.items()}
    first = verdicts[selftest.SEEDS[0]]
    assert first, "the reference run recorded no test"
    assert set(first.values()) == {"pass"}
    assert {seed: future.result().returncode for seed, future in runs.reference_by_seed.items()} == \
        dict.fromkeys(selftest.SEEDS, 0), runs.reference_by_seed[selftest.SEEDS[0]].result().output
    for seed, other in verdicts.items():
        assert other == first, f"seed {seed} differs: {set(other.items()) ^ set(first.items())}"


def test_mutants_are_caught_with_every_seed(runs):
    """Each reference mutant is caught by a declared clause with each of five Hypothesis seeds."""
    declared = {selftest.mutant_backend(name): selftest.declared(name) for name in selftest.REFERENCE_MUTANTS}
    survivors = {seed: sorted(backend for backend, wanted in declared.items()
                              if not future.result().kills().get(backend, set()) & wanted)
                 for seed, future in runs.mutants_by_seed.items()}
    assert {seed: names for seed, names in survivors.items() if names} == {}
