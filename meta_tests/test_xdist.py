"""pytest-xdist: -n gives the same verdicts as a serial run, and a backend that kills its worker costs only the test
that did it (verdict error, with its clauses), while the run goes on and the results are written."""

import pytest

from harness import report, results
from meta_tests import selftest
from meta_tests.samples import CREATE_TEST, ONE_TEST


def test_a_backend_that_aborts_its_worker_costs_only_that_test(suite, pytester):
    """os.abort() in create_global_step: that test is `error` for GS-CREATE-NEW; the other test passes; the
    results file and the report are written."""
    outcome = suite.run("-n", "2", "--backend=meta_tests.backends.aborting:api", "--results=out.json",
                        files={**ONE_TEST, **CREATE_TEST}, subprocess=True)
    outcome.assert_outcomes(passed=1, failed=1)
    document = results.load(pytester.path / "out.json")
    verdicts = {r["test"]: (r["verdict"], r["failed_clauses"], r["exception"]) for r in document["results"]}
    assert verdicts == {"test_create": ("error", ["GS-CREATE-NEW"], "WorkerCrash"),
                        "test_fresh": ("pass", [], None)}
    table = report.clause_verdicts(document)["meta_tests.backends.aborting:api"]
    assert table["GS-CREATE-NEW"] == "error"
    assert "GS-CREATE-NEW" in report.markdown(document)


@pytest.mark.selftest
@pytest.mark.timeout(0)  # two whole-suite runs in subprocesses, whose tests have their own timeouts
def test_two_workers_give_the_same_verdicts_as_one_process():
    """The suite with -n 2 and without, same seed, on the reference and two mutants: the same verdict per test."""
    backends = ["reference", selftest.mutant_backend("int32_step"), selftest.mutant_backend("increments_twice")]
    some = ["-k", "test_creation or test_idempotence or test_minimize_adds_one_per_run"]  # a third of the suite
    serial = selftest.run_suite(backends, profile="selftest", seed=3, extra=some)
    parallel = selftest.run_suite(backends, profile="selftest", seed=3, extra=[*some, "-n", "2"])
    assert serial.records, serial.output
    assert parallel.verdicts() == serial.verdicts()
