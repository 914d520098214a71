"""--backend / GLOBAL_STEP_BACKEND: good specs run, bad ones stop at once with a usage error and no traceback."""

import pytest

from meta_tests.samples import CREATE_TEST, ONE_TEST


@pytest.mark.parametrize(("spec", "complaint"), [
    ("nonsense-name", "unknown backend 'nonsense-name'"),
    ("no_such_module_xyz", "cannot import 'no_such_module_xyz'"),
    ("impls.reference:no_such_attribute", "has no attribute 'no_such_attribute'"),
    ("meta_tests.backends.broken_import", "raised RuntimeError: this backend cannot be imported"),
    (",", "empty backend spec"),
    ("", "--backend is empty"),
    (" ", "--backend is empty"),
], ids=["unknown", "no-module", "no-attribute", "import-fails", "commas", "empty", "blank"])
def test_a_bad_backend_stops_the_run_with_a_usage_error(suite, spec, complaint):
    """Exit code 4, one line naming the problem and the valid choices, no traceback."""
    result = suite.run(f"--backend={spec}", files=ONE_TEST)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    errors = result.stderr.str()
    assert complaint in errors
    assert "valid backends: reference, tensorflow" in errors
    assert "Traceback" not in errors + result.stdout.str()


@pytest.mark.parametrize("value", ["", "  "], ids=["empty", "blank"])
def test_an_empty_environment_variable_is_a_usage_error_not_the_default(suite, monkeypatch, value):
    """GLOBAL_STEP_BACKEND set but empty (an unset CI variable) stops the run; it never falls back to the reference."""
    monkeypatch.setenv("GLOBAL_STEP_BACKEND", value)
    result = suite.run(files=ONE_TEST)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    errors = result.stderr.str()
    assert "GLOBAL_STEP_BACKEND is set but empty" in errors
    assert "valid backends: reference, tensorflow" in errors
    assert "Traceback" not in errors + result.stdout.str()


def test_the_environment_variable_picks_the_backend(suite, monkeypatch):
    """GLOBAL_STEP_BACKEND is used when --backend is absent."""
    monkeypatch.setenv("GLOBAL_STEP_BACKEND", "impls.proxy:reference")
    result = suite.run("-v", files=ONE_TEST)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*test_fresh?impls.proxy:reference? PASSED*"])


def test_the_option_beats_the_environment_variable(suite, monkeypatch):
    """--backend wins over GLOBAL_STEP_BACKEND."""
    monkeypatch.setenv("GLOBAL_STEP_BACKEND", "nonsense-name")
    suite.run("--backend=reference", files=ONE_TEST).assert_outcomes(passed=1)


def test_a_list_runs_every_backend_with_its_name_in_the_id(suite):
    """A comma-separated list parametrises each test once per backend, named in the id and the header."""
    result = suite.run("-v", "--backend=reference,impls.proxy:reference", files=ONE_TEST)
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines([
        "*backend reference (v1): impls.reference version 1.0.0*",
        "*backend reference (counter): impls.reference.keras version 1.0.0*",
        "*backend impls.proxy:reference (v1): impls.proxy:reference version 1.0.0*",
        "*test_fresh?reference? PASSED*",
        "*test_fresh?impls.proxy:reference? PASSED*",
    ])


def test_a_backend_lacking_names_runs_and_fails_the_tests_that_need_them(suite):
    """Missing API names fail only the tests that use them, each naming the name."""
    result = suite.run("--backend=meta_tests.backends.partial:api", files={**ONE_TEST, **CREATE_TEST})
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*MissingAPI: backend 'meta_tests.backends.partial:api' lacks "
                                 "tf1.train.create_global_step*"])


def test_a_crashing_backend_is_reported_as_a_crash(suite):
    """An exception from the backend is labelled a crash, with the call and the exception."""
    files = {"test_crash.py": '''
import pytest
from harness.program import Program

@pytest.mark.clause("GS-CREATE-FRESH-NAME")
def test_name(backend):
    p = Program(backend)
    with p.default(p.call("Graph", as_="g")):
        p.call("train.get_or_create_global_step")
'''}
    result = suite.run("--backend=meta_tests.backends.crashing:api", files=files)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*BackendCrash: tf1.train.get_or_create_global_step() crashed: RuntimeError: internal error*"
        "{backend=meta_tests.backends.crashing:api, clause=GS-CREATE-FRESH-NAME}*",
    ])


@pytest.mark.parametrize(("spec", "surface"), [
    ("impls.reference", "v1"),
    ("impls.proxy:tensorflow", "v1"),  # tf.compat.v1 has GradientTape and optimizers too: still v1
    ("impls.reference.keras", "counter"),
    ("impls.reference.tf2", "tf2"),
], ids=["reference", "tf-compat-v1", "keras-like", "tf2-like"])
def test_an_import_path_is_placed_on_the_surface_its_names_show(spec, surface):
    """train.get_or_create_global_step makes a v1 backend, else GradientTape a tf2 one, else optimizers a counter."""
    from harness import backends

    (backend,) = backends.load(spec)
    assert backend.surface == surface
