"""The harness's own tests: they run the suite's machinery on purpose-built inputs and check what it says."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest_plugins = ["pytester"]


@pytest.fixture
def suite(pytester, monkeypatch):
    """Run pytest with the suite's plugin on test files written into a temporary folder.

    ``suite.run(*args, files={"test_x.py": source}, divergences=toml_text)`` returns pytester's RunResult.
    ``subprocess=True`` runs it in a fresh interpreter, for tests that leave global state behind.
    """
    class Suite:
        def run(self, *args, files=None, divergences=None, subprocess=False):
            for name, source in (files or {}).items():
                pytester.makepyfile(**{name.removesuffix(".py"): source})
            if divergences is not None:
                path = pytester.path / "divergences.toml"
                path.write_text(divergences, encoding="utf-8")
                args = (*args, f"--divergences={path}")
            if subprocess:
                monkeypatch.setenv("PYTHONPATH", str(ROOT))
                return pytester.runpytest_subprocess("-p", "harness.plugin", "-p", "no:cacheprovider", *args)
            return pytester.runpytest("-p", "harness.plugin", "-p", "no:cacheprovider", *args)

    return Suite()


_RUNS: list = []


def _start_runs():
    from meta_tests import selftest

    if not _RUNS:
        started = selftest.Runs()
        started.start()
        _RUNS.append(started)
    return _RUNS[0]


def pytest_collection_finish(session):
    """Start the runs as soon as a collected test needs them: they keep both cores busy while the other
    self-tests run, instead of waiting for the first test that asks."""
    if not session.config.option.collectonly and any("runs" in getattr(i, "fixturenames", ()) for i in session.items):
        _start_runs()


def pytest_sessionfinish(session):
    """Cancel the runs no test waited for (-x, Ctrl-C); those already running finish before the process exits."""
    for started in _RUNS:
        started.shutdown()


@pytest.fixture(scope="session")
def runs():
    """Every run the self-tests judge, started together (see meta_tests/selftest.py)."""
    return _start_runs()


def pytest_terminal_summary(terminalreporter):
    """Print the kill matrix when the mutant runs happened in this session."""
    from meta_tests import selftest

    for started in _RUNS:
        try:
            matrix = started.kill_matrix()
        except Exception as exc:  # a run that failed to finish is reported by its tests, not here
            terminalreporter.line(f"kill matrix unavailable: {exc!r}")
            continue
        terminalreporter.section("kill matrix")
        terminalreporter.line(selftest.matrix_text(matrix))
        terminalreporter.section("self-test runs (two at a time)")
        terminalreporter.line("\n".join(started.timings()))
