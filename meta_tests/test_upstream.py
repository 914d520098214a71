"""TensorFlow's own training_util_test.py: green on real TensorFlow, and the README compares its kills with ours."""

import pytest

from harness import versions
from meta_tests import selftest
from meta_tests.upstream import compare

# They wait for the suite's runs against every mutant, which take many minutes on two cores.
# They wait on whole-suite runs in subprocesses (each test there has its own timeout): no timeout of their own, so
# that a loaded machine makes them slower, never red.
pytestmark = [pytest.mark.selftest, pytest.mark.timeout(0)]


@pytest.fixture(scope="module")
def upstream():
    return compare.upstream_in_subprocess(selftest.TENSORFLOW_MUTANTS)


def test_upstream_test_passes_on_real_tensorflow(upstream):
    """The patched upstream file runs its tests and all pass on unmodified TensorFlow."""
    assert upstream["tests"] >= 8
    assert upstream["baseline"] == []


def test_readme_kill_table_is_current(runs, upstream):
    """README's table equals what meta_tests/upstream/compare.py generates now."""
    kills = runs.tensorflow_mutants.result().kills()
    ours = {name: kills.get(selftest.mutant_backend(name), set()) for name in selftest.TENSORFLOW_MUTANTS}
    expected = compare.table(upstream, ours)
    readme = (compare.ROOT / "README.md").read_text(encoding="utf-8")
    current = versions.read_block(readme, compare.BLOCK)
    assert current == expected, "run `python -m meta_tests.upstream.compare --write` and commit README.md"
