"""The suite's Hypothesis set-up (harness/profiles.py): a seed gives the same examples whatever else is loaded."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import Phase, given, seed, settings
from hypothesis import strategies as st

from harness import profiles  # what a run of the suite loads before its first test

ROOT = Path(__file__).resolve().parents[1]


def drawn(count: int = 300) -> list:
    """The integers and texts a fixed seed draws, in order."""
    seen = []

    @seed(20261204)
    @settings(max_examples=count, database=None, phases=[Phase.generate], derandomize=False, deadline=None)
    @given(st.integers(), st.text(max_size=3))
    def record(number, text):
        seen.append((number, text))

    record()
    return seen


def test_a_seed_draws_the_same_examples_after_more_modules_load(tmp_path, monkeypatch):
    """Importing a module full of literals (a backend, a mutant) leaves a seed's examples as they were."""
    before = drawn()
    (tmp_path / "literals_of_a_backend.py").write_text(
        "NUMBERS = (918273645, -5647382910, 31337, 2**40 + 7, 123456789012)\n"
        "WORDS = ('zq', 'qz', 'xyz', 'global_step', 'iterations')\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module("literals_of_a_backend")
    try:
        after = drawn()
    finally:
        sys.modules.pop("literals_of_a_backend", None)
    assert after == before, "the seed's examples changed when a module was imported: Hypothesis drew its literals"


def _profiles_as_loaded(environment: dict) -> str:
    """Every profile's settings, as a fresh interpreter with ``environment`` registers them."""
    code = ("from harness import profiles\nfrom hypothesis import settings\n"
            "for name in profiles.PROFILES: print(name, settings.get_profile(name))\n"
            "print('active', settings.default)\n")
    env = {key: value for key, value in os.environ.items() if key not in ("CI", profiles.ENV_VAR)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**env, **environment}, capture_output=True,
                          text=True, check=True)
    return done.stdout


def test_profiles_are_the_same_on_a_ci_machine():
    """A CI variable (CI=true, as CI services set) changes no profile; only the active one becomes "ci"."""
    here, ci = _profiles_as_loaded({}).splitlines(), _profiles_as_loaded({"CI": "true"}).splitlines()
    assert here[:-1] == ci[:-1], "a profile inherits from Hypothesis's auto-loaded 'ci' profile on a CI machine"
    assert ci[-1].removeprefix("active ") == ci[profiles.PROFILES.index("ci")].removeprefix("ci "), \
        "on a CI machine the suite's own 'ci' profile is the active one"
