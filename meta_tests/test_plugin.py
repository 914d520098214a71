"""The plugin's checks on markers, spec coverage, known divergences and graph leaks."""

import pytest

from meta_tests.samples import CONFORMANCE_TESTS

TEST_FRESH = CONFORMANCE_TESTS

DIVERGENCE = '''
[[divergence]]
test = "test_wrong"
clause = "GS-GET-FINDS-STEP"
why = "documented-bug"
reason = "a reason"
link = "a link"
raises = "{raises}"
match = "{match}"
'''


def test_an_unknown_clause_id_stops_the_run(suite):
    """A marker naming no clause is a usage error that names the test and the id."""
    result = suite.run(files={"test_x.py": '''
import pytest
@pytest.mark.clause("GS-NO-SUCH-CLAUSE")
def test_x(backend):
    pass
'''})
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "test_x.py::test_x[reference]: marker clause('GS-NO-SUCH-CLAUSE') names no clause" in result.stderr.str()


def test_a_conformance_test_without_a_clause_stops_the_run(suite):
    """A test that takes `backend` but cites no clause is a usage error."""
    result = suite.run(files={"test_x.py": "def test_x(backend):\n    pass\n"})
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "needs @pytest.mark.clause" in result.stderr.str()


def test_a_full_run_fails_when_a_clause_has_no_test(suite):
    """Every clause without a test is named, and the run exits 1 though all tests passed."""
    result = suite.run("-k", "not test_wrong", files={"test_x.py": TEST_FRESH})
    result.assert_outcomes(passed=2, deselected=1)
    assert result.ret == pytest.ExitCode.OK  # narrowed by -k: no coverage verdict

    result = suite.run(files={"test_x.py": TEST_FRESH}, divergences=DIVERGENCE.format(
        raises="contract", match="but should be None"))
    result.assert_outcomes(passed=2, xfailed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*clause GS-CREATE-FRESH-NAME (de-facto) has no test*",
                                 "*clause GS-GET-MULTIPLE-NONE (observed) has no test*"])


def test_a_known_divergence_is_a_strict_xfail(suite):
    """A divergence that fails as recorded is XFAIL, with its reason."""
    result = suite.run("-rx", "-k", "test_wrong", files={"test_x.py": TEST_FRESH},
                       divergences=DIVERGENCE.format(raises="contract", match="but should be None"))
    result.assert_outcomes(xfailed=1, deselected=2)
    result.stdout.fnmatch_lines(["*XFAIL*test_wrong*documented-bug: a reason ?a link?"])


def test_a_known_divergence_that_fails_differently_fails(suite):
    """A divergence whose failure does not match raises/match fails the run, saying what differs."""
    result = suite.run("-k", "test_wrong", files={"test_x.py": TEST_FRESH},
                       divergences=DIVERGENCE.format(raises="crash:TypeError", match="resource"))
    result.assert_outcomes(failed=1, deselected=2)
    result.stdout.fnmatch_lines(["*does not describe this failure: expected the backend to crash with TypeError*"])


def test_a_known_divergence_that_passes_fails(suite):
    """A divergence recorded on a passing test is XPASS(strict): a failure."""
    result = suite.run("-k", "test_fresh", files={"test_x.py": TEST_FRESH},
                       divergences=DIVERGENCE.replace("test_wrong", "test_fresh").replace(
                           "GS-GET-FINDS-STEP", "GS-GET-NONE-FRESH").format(raises="contract", match="x"))
    result.assert_outcomes(failed=1, deselected=2)
    result.stdout.fnmatch_lines(["*XPASS(strict)*"])


def test_a_known_divergence_without_a_test_fails_a_full_run(suite):
    """An entry naming no collected test is reported and fails a full run."""
    result = suite.run(files={"test_x.py": TEST_FRESH}, divergences=DIVERGENCE.format(
        raises="contract", match="but should be None") + DIVERGENCE.replace("test_wrong", "test_gone").format(
        raises="contract", match="x"))
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*divergence divergences.toml#2 matches no test: test 'test_gone' does not exist*"])


def test_a_divergence_of_a_surface_the_backend_lacks_is_not_stale(suite):
    """A v1 entry in the divergences of a tf2-only backend (tf-keras's tf2 surface gets tensorflow.toml) is
    not reported as matching no test."""
    result = suite.run("--backend=impls.reference.tf2", files={"test_x.py": TEST_FRESH},
                       divergences=DIVERGENCE.format(raises="contract", match="but should be None"))
    result.stdout.no_fnmatch_line("*matches no test*")
    result.stdout.fnmatch_lines(["*clause TF2-EXAMPLE-MIGRATED (documented) has no test*"])  # the check did run


def test_an_observed_clause_is_reported_but_does_not_gate(suite):
    """A failing test of an observed-level clause is XFAIL 'informative', and the run passes."""
    result = suite.run("-rx", "-k", "test_observed", files={"test_x.py": TEST_FRESH + '''

@pytest.mark.clause("GS-GET-MULTIPLE-NONE")
def test_observed(backend):
    p = Program(backend)
    p.bind("x", 1)
    ah.assert_none(p, "x", 1)
'''})
    result.assert_outcomes(xfailed=1, deselected=3)
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["*XFAIL*test_observed*informative: observed clause GS-GET-MULTIPLE-NONE differs*"])


def test_a_malformed_entry_is_located_by_file_and_line(suite):
    """The usage error starts with file:line of the offending field."""
    text = "# header\n" + DIVERGENCE.format(raises="contract", match="m").replace("documented-bug", "because")
    result = suite.run(files={"test_x.py": TEST_FRESH}, divergences=text)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "divergences.toml:6: [[divergence]] #1: field 'why' = 'because'" in result.stderr.str()


def test_a_divergence_for_other_versions_is_not_applied(suite):
    """An entry with versions that exclude the backend's version does not apply (and is not stale)."""
    text = DIVERGENCE.format(raises="contract", match="but should be None") + 'versions = ">=2.0"\n'
    result = suite.run(files={"test_x.py": TEST_FRESH}, divergences=text)  # the reference is version 1.0.0
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.no_fnmatch_line("*matches no test*")
    text = DIVERGENCE.format(raises="contract", match="but should be None") + 'versions = ">=1.0,<2"\n'
    suite.run("-k", "test_wrong", files={"test_x.py": TEST_FRESH}, divergences=text).assert_outcomes(
        xfailed=1, deselected=2)


def test_a_conditional_divergence_applies_only_where_it_holds(suite):
    """An entry whose condition is false for the backend is not applied, and is not stale either."""
    text = DIVERGENCE.format(raises="contract", match="but should be None") + 'condition = "resource-variables"\n'
    result = suite.run(files={"test_x.py": TEST_FRESH}, divergences=text)
    result.assert_outcomes(passed=2, failed=1)  # the reference has no resource variables: test_wrong just fails
    result.stdout.no_fnmatch_line("*matches no test*")


@pytest.mark.parametrize(("text", "complaint"), [
    ("[[divergence]]\ntest = 'x'\n", "field 'clause' is missing or empty"),
    (DIVERGENCE.format(raises="contract", match="m").replace("documented-bug", "because"), "field 'why' = 'because'"),
    (DIVERGENCE.format(raises="sometimes", match="m"), "field 'raises' = 'sometimes'"),
    (DIVERGENCE.format(raises="contract", match="m").replace("GS-GET-FINDS-STEP", "GS-NOPE"), "is not a clause id"),
    ("[[divergence]\n", "not valid TOML"),
    (DIVERGENCE.format(raises="contract", match="m") + 'condition = "sunny"\n', "field 'condition' = 'sunny'"),
    (DIVERGENCE.format(raises="contract", match="m") + 'versions = "two"\n', "field 'versions' = 'two'"),
], ids=["missing", "why", "raises", "clause", "toml", "condition", "versions"])
def test_a_malformed_divergences_file_stops_the_run(suite, text, complaint):
    """The usage error names the file, the entry and the field."""
    result = suite.run(files={"test_x.py": TEST_FRESH}, divergences=text)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    errors = result.stderr.str()
    assert "divergences.toml" in errors
    assert complaint in errors
    assert "Traceback" not in errors


def test_a_test_that_leaves_a_default_graph_fails(suite):
    """Leaving a graph entered as default fails the test that did it."""
    result = suite.run(subprocess=True, files={"test_x.py": '''
import pytest
from harness.program import Program

KEEP = []  # a context manager that is collected exits itself; keep it alive to leak for real

@pytest.mark.clause("GS-GRAPH-DEFAULT")
def test_leaks(backend):
    p = Program(backend)
    KEEP.append(p.call("Graph", as_="g").as_default())
    KEEP[-1].__enter__()
'''})
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*test_leaks?reference? left <reference.Graph*> as the default graph*"])


def test_the_fail_fast_order_runs_rounds_cheap_tests_first(suite):
    """--order=fail-fast (the default): slow tests last; else the first parametrisation of every test before any
    second one, and in a round plain tests, then Hypothesis tests. --order=file keeps pytest's order."""
    files = {"test_order.py": '''
import pytest
from hypothesis import given, strategies as st

@pytest.mark.clause("GS-GET-NONE-FRESH")
@pytest.mark.slow
@pytest.mark.parametrize("k", [1, 2])
def test_slow(backend, k):
    pass

@pytest.mark.clause("GS-GET-NONE-FRESH")
@given(st.integers())
@pytest.mark.parametrize("k", [1, 2])
def test_searched(backend, k, n):
    pass

@pytest.mark.clause("GS-GET-NONE-FRESH")
@pytest.mark.parametrize("k", [1, 2])
def test_plain(backend, k):
    pass
'''}
    fast = suite.run("--collect-only", "-q", files=files).stdout.lines
    assert [line.split("::")[1] for line in fast if "::" in line] == [
        "test_plain[reference-1]", "test_searched[reference-1]", "test_plain[reference-2]",
        "test_searched[reference-2]", "test_slow[reference-1]", "test_slow[reference-2]"]
    plain = suite.run("--collect-only", "-q", "--order=file").stdout.lines
    assert [line.split("::")[1] for line in plain if "::" in line] == [
        "test_slow[reference-1]", "test_slow[reference-2]", "test_searched[reference-1]",
        "test_searched[reference-2]", "test_plain[reference-1]", "test_plain[reference-2]"]
