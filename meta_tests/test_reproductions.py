"""Failure output proves itself: every reproduction snippet fails on its mutant and passes on the correct backend,
and ``--replay`` reruns a recorded failure on the same counterexample."""

import pytest

from harness import results
from meta_tests import reproductions, selftest

pytestmark = [pytest.mark.selftest, pytest.mark.timeout(0)]  # waits on whole-suite runs: never a timeout


def test_every_snippet_of_the_sample_runs_reproduces(runs):
    """Each failure of the sample mutants' run: its snippet, alone in a fresh interpreter, fails on the mutant
    (an AssertionError for a contract failure, the backend's exception for a crash) and passes on the correct
    backend."""
    tensorflow = {selftest.mutant_backend(name) for name in selftest.TENSORFLOW_SAMPLE}
    records = [r for r in runs.sample.result().records + runs.tensorflow_mutants.result().records
               if r["verdict"] in ("fail", "error") and (r["backend"] in tensorflow or not r["backend"].startswith(
                   "impls.mutants.tf_"))]
    failing_mutants = {r["backend"] for r in records}
    assert failing_mutants == {selftest.mutant_backend(name) for name in selftest.SAMPLE} | tensorflow
    # A snippet that carries the "earlier test" note (process-wide state: one_step_for_all_graphs fails 83 tests
    # so) may pass alone, so it proves less: of those, one per test function. Two fresh interpreters per snippet
    # are the self-test's largest cost after the suite runs.
    foreign = {}
    for record in records:
        if reproductions.EARLIER_TEST in (record["snippet"] or ""):
            foreign.setdefault((record["backend"], record["test"]), record)
    records = [r for r in records if reproductions.EARLIER_TEST not in (r["snippet"] or "")] + list(foreign.values())
    problems = reproductions.check_all(records)
    assert problems == [], f"{len(problems)} of {len(records)} snippets do not reproduce:\n\n" + "\n\n".join(problems)


def failure_ending_in(last_line: str) -> dict:
    """A recorded contract failure of int32_step whose snippet ends in ``last_line``."""
    return {"nodeid": "t", "verdict": "fail", "backend": "impls.mutants.int32_step:api", "exception": None,
            "message": "m", "snippet": f"# Needs impls\nfrom impls.mutants.int32_step import api as tf1\n{last_line}"}


def test_a_snippet_that_passes_on_its_mutant_is_caught():
    """The check itself bites: a snippet that ends in a print instead of an assert is reported."""
    (problem,) = reproductions.problems_of(failure_ending_in("print(tf1.int64)  # expected something"))
    assert "exits 0 on the backend it was recorded on" in problem


def test_a_snippet_that_fails_on_the_correct_backend_is_caught():
    """A snippet that fails whatever the backend does (it tests nothing of the mutant) is reported."""
    (problem,) = reproductions.problems_of(failure_ending_in("assert False, 'always'"))
    assert "fails on the correct backend too" in problem


GENERATED_FAILURE = {"test_gen.py": '''
import pytest
from hypothesis import given, strategies as st
from harness import assertions as ah
from harness.program import Program

@pytest.mark.clause("GS-GET-NONE-FRESH")
@given(n=st.integers(0, 1000))
def test_small(backend, n):
    p = Program(backend)
    p.bind("n", n)
    ah.assert_equal(p, f"{n} < 700", n < 700, True)

@pytest.mark.clause("GS-GET-NONE-FRESH")
def test_passes(backend):
    assert True
'''}


def test_replay_reruns_a_recorded_failure_on_the_same_counterexample(suite, pytester):
    """pytest --replay=RESULTS reruns only the failed tests, each on its recorded example (Hypothesis's
    @reproduce_failure blob), and gets the same counterexample: a Hypothesis upgrade that breaks it fails here."""
    suite.run("--hypothesis-profile=selftest", "--hypothesis-seed=1", "--results=first.json",
              files=GENERATED_FAILURE, subprocess=True)
    (recorded,) = [r for r in results.load(pytester.path / "first.json")["results"] if r["verdict"] == "fail"]
    assert recorded["replay"], recorded
    outcome = suite.run("--hypothesis-profile=selftest", "--hypothesis-seed=2", "--results=again.json",
                        "--replay=first.json", subprocess=True)
    outcome.assert_outcomes(failed=1, deselected=1)
    (replayed,) = results.load(pytester.path / "again.json")["results"]
    # The message names the example's value: the replay ran the recorded example, not a new one of seed 2.
    assert (replayed["nodeid"], replayed["verdict"], replayed["message"], replayed["counterexample"]) == \
        (recorded["nodeid"], "fail", recorded["message"], recorded["counterexample"])
