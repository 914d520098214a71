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
