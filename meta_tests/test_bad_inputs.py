"""Inputs that must stop a run before any test, with one message naming the problem and the valid choices.

pytest's usage-error exit code is 4; the harness CLIs exit 2. Bad backends are in test_backend_selection.py,
malformed divergences files in test_plugin.py, malformed results files in test_report.py.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness import profiles
from meta_tests.samples import ONE_TEST

ROOT = Path(__file__).resolve().parent.parent
ENTRY = ('[[divergence]]\ntest = "test_fresh"\nclause = "GS-GET-NONE-FRESH"\nwhy = "documented-bug"\n'
         'reason = "r"\nlink = "l"\nraises = "contract"\nmatch = "x"\n')


def stopped(result, *complaints):
    """The run stopped with a usage error whose message has each complaint, and no traceback."""
    assert result.ret == pytest.ExitCode.USAGE_ERROR, result.stdout.str() + result.stderr.str()
    errors = result.stderr.str()
    for complaint in complaints:
        assert complaint in errors
    assert "Traceback" not in errors + result.stdout.str()
    assert "INTERNALERROR" not in errors + result.stdout.str()


def test_an_unknown_hypothesis_profile_option_is_a_usage_error(suite):
    """--hypothesis-profile=nope names the valid profiles instead of an INTERNALERROR."""
    stopped(suite.run("--hypothesis-profile=nope", files=ONE_TEST),
            "--hypothesis-profile='nope' is not a profile", f"valid: {', '.join(profiles.PROFILES)}")


def test_an_unknown_hypothesis_profile_variable_is_a_usage_error(suite, monkeypatch):
    """HYPOTHESIS_PROFILE=nope names the valid profiles."""
    monkeypatch.setenv("HYPOTHESIS_PROFILE", "nope")
    stopped(suite.run(files=ONE_TEST), "HYPOTHESIS_PROFILE='nope' is not a profile", "valid: default, dev")


def test_the_profile_option_wins_over_the_variable(suite, monkeypatch):
    """--hypothesis-profile beats HYPOTHESIS_PROFILE, as --backend beats GLOBAL_STEP_BACKEND."""
    monkeypatch.setenv("HYPOTHESIS_PROFILE", "thorough")
    result = suite.run("--hypothesis-profile=dev", files=ONE_TEST)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*hypothesis profile: dev;*"])


@pytest.mark.parametrize(("target", "complaint"), [
    ("a_file/out.json", "cannot create its folder"),
    ("a_folder", "is a folder"),
], ids=["parent-is-a-file", "is-a-folder"])
def test_a_results_path_that_cannot_be_written_stops_the_run_before_any_test(suite, pytester, target, complaint):
    """--results is checked at start: no test runs, no traceback, exit 4 (not 1, which reads as a failure)."""
    (pytester.path / "a_file").write_text("", encoding="utf-8")
    (pytester.path / "a_folder").mkdir()
    result = suite.run(f"--results={target}", files=ONE_TEST)
    stopped(result, "--results=", complaint)
    assert "passed" not in result.stdout.str()


def test_a_results_path_in_missing_folders_creates_them(suite, pytester):
    """Missing parent folders of --results are created (the --help says so)."""
    suite.run("--results=deep/er/out.json", files=ONE_TEST).assert_outcomes(passed=1)
    assert (pytester.path / "deep" / "er" / "out.json").exists()


def test_one_divergences_file_for_several_backends_is_refused(suite, pytester):
    """A bare --divergences=FILE with two backends would turn one backend's passes into failures: refused."""
    (pytester.path / "tf.toml").write_text(ENTRY, encoding="utf-8")
    stopped(suite.run("--backend=reference,impls.proxy:reference", "--divergences=tf.toml", files=ONE_TEST),
            "one file for 2 backends", "--divergences=BACKEND=FILE")


CHECKED_TEST = {"test_one.py": '''
import pytest
from harness.assertions import assert_none
from harness.program import Program

@pytest.mark.clause("GS-GET-NONE-FRESH")
def test_fresh(backend):
    p = Program(backend)
    with p.default(p.call("Graph", as_="g")):
        assert_none(p, "tf1.train.get_global_step()", p.call("train.get_global_step"))
'''}


def test_a_divergences_file_applies_only_to_the_backend_it_names(suite, pytester):
    """--divergences=BACKEND=FILE: that backend's test is a strict xfail; the other backend passes as usual."""
    (pytester.path / "d.toml").write_text(ENTRY.replace('match = "x"', 'match = "get_global_step"'),
                                          encoding="utf-8")
    result = suite.run("-v", "--backend=reference,impls.mutants.get_creates_step:api",
                       "--divergences=impls.mutants.get_creates_step:api=d.toml", files=CHECKED_TEST)
    result.assert_outcomes(passed=1, xfailed=1)
    result.stdout.fnmatch_lines(["*test_fresh?reference? PASSED*", "*test_fresh?impls.mutants.get_creates_step*XFAIL*"])


def test_a_divergences_value_naming_no_backend_under_test_is_refused(suite):
    """--divergences=other=FILE, where `other` is not under test and no such file exists, names the backends."""
    stopped(suite.run("--divergences=tensorflow=tf.toml", files=ONE_TEST),
            "'tensorflow' is not a backend under test (backends: reference)")


def gate(*args, env=None):
    return subprocess.run([sys.executable, "-m", "harness.gate", *args], cwd=ROOT, capture_output=True, text=True,
                          check=False, env={**os.environ, **(env or {})})


@pytest.mark.parametrize("args", [["--backend="], ["--backend=reference", "--backend= "]], ids=["empty", "second"])
def test_the_gate_refuses_an_empty_backend(tmp_path, args):
    """`python -m harness.gate --backend=` exits 2 before any run and never prints "conformant"."""
    done = gate(*args, f"--out={tmp_path}")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "empty backend spec" in done.stderr
    assert "conformant" not in done.stdout
    assert "$ " not in done.stdout  # no pytest run was started


def test_the_gate_refuses_one_divergences_file_for_several_backends(tmp_path):
    """The gate checks --divergences against its backends before running any."""
    done = gate("--backend=reference", "--backend=tensorflow", "--divergences=spec/divergences/tensorflow.toml",
                f"--out={tmp_path}")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "--divergences=BACKEND=FILE" in done.stderr
    assert "$ " not in done.stdout
