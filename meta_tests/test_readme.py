"""The README says what the code does: its commands, counts and divergences are checked against the repo."""

import re
import tomllib
from pathlib import Path

from spec import registry

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_whole_suite_command():
    """.ci/run's last line is the README's second command, verbatim."""
    commands = re.findall(r"^(python3 .*)$", README.split("```", 2)[1], flags=re.MULTILINE)
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert len(commands) == 2
    assert ci_lines[-1] == commands[1]


def test_the_clause_count_is_the_registry_count():
    """The README's '<N> clauses' matches spec/clauses.toml."""
    assert f"{len(registry.load().clauses)} clauses in `spec/clauses.toml`" in README


def test_the_mutant_counts_are_the_shipped_ones():
    """The README's mutant counts match impls/mutants/."""
    from impls import mutants

    names = mutants.discover()
    assert f"holds {len(names)} deliberately broken backends" in README
    assert f"{sum(n.startswith('tf_') for n in names)} of them are TensorFlow" in README


def test_every_tensorflow_divergence_is_in_the_readme_table():
    """Each clause with a recorded TensorFlow divergence has a row in the README."""
    data = tomllib.loads((ROOT / "spec" / "divergences" / "tensorflow.toml").read_text(encoding="utf-8"))
    missing = [entry["clause"] for entry in data["divergence"] if f"| `{entry['clause']}` |" not in README]
    assert missing == []


def test_the_tensorflow_blocks_are_generated_from_the_recorded_runs():
    """The README's TensorFlow report and version report equal what harness.versions makes of docs/tf-versions/."""
    from harness import versions

    for name, body in versions.blocks(versions.load_all()).items():
        hint = f"run `python -m harness.versions --write`: block {name} is out of date"
        assert versions.read_block(README, name) == body, hint


def test_the_migration_table_is_generated_from_the_recorded_runs():
    """The README's migration table equals what harness.migration makes of docs/migration/."""
    from harness import migration, versions

    hint = "run `python -m harness.migration --write`: the migration table is out of date"
    assert versions.read_block(README, migration.BLOCK) == migration.markdown(migration.load_all()).strip(), hint
