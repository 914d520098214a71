"""Hypothesis settings profiles, chosen with HYPOTHESIS_PROFILE (or pytest's --hypothesis-profile).

- ``default``   random search, the local example database on: ``--hypothesis-seed`` and replay work
- ``dev``       a quick look while editing
- ``ci``        derandomised, so a CI verdict repeats; no database (CI starts from a fresh clone); no shrinking,
                so a red gate is red in seconds (the replay blob lets a person shrink later); the gate's profile
- ``quick``     explicit examples and one generated example per test, derandomised: the gate's first pass
- ``x10``       ``default`` with ten times the examples, for the memory figure of bench/run.py
- ``thorough``  a long search before a release
- ``selftest``  lean and without shrinking, for the mutant runs of meta_tests/

Every profile prints the ``@reproduce_failure`` blob of a failure, which the results file keeps so that
``pytest --replay=results.json`` can rerun exactly that example.

Every profile has ``deadline=None``. TensorFlow builds a graph plus a variable in about 4 ms but with 10x
outliers on a shared 2-core machine (first use of an op, garbage collection), so a per-example deadline turns
machine noise into ``FlakyFailure``. Speed is measured by bench/ scripts instead, never asserted by a test.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings
from hypothesis.errors import InvalidArgument

ENV_VAR = "HYPOTHESIS_PROFILE"

# 15, not Hypothesis' 100: every example draws a whole set-up (call form, context, graph and step state; for
# training also the fetches, a second op, a bystander session...), so breadth comes from each example's width
# and from the explicit examples every test runs first, not from the count. The TensorFlow run stays < 40 s.
settings.register_profile("default", deadline=None, max_examples=15, print_blob=True)
settings.register_profile("dev", deadline=None, max_examples=10, print_blob=True)
# Registering "ci" also replaces the profile Hypothesis loads by itself when it detects a CI environment.
settings.register_profile(
    "ci", deadline=None, max_examples=40, derandomize=True, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow], phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
settings.register_profile("x10", deadline=None, max_examples=150, print_blob=True)
# The gate's first pass: every test's explicit examples and one generated example, before any deeper search.
settings.register_profile(
    "quick", deadline=None, max_examples=1, derandomize=True, database=None, print_blob=True,
    phases=[Phase.explicit, Phase.generate],
)
settings.register_profile("thorough", deadline=None, max_examples=400, print_blob=True)
# For running the suite against mutants (meta_tests/): random like "default", but lean, and without the
# shrink and explain phases, which cost minutes on a backend that fails hundreds of examples on purpose.
settings.register_profile(
    "selftest", deadline=None, max_examples=10, database=None, report_multiple_bugs=False, print_blob=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)

PROFILES = ("default", "dev", "ci", "quick", "thorough", "selftest", "x10")


def fewer_examples(divisor: int, least: int = 3) -> settings:
    """The loaded profile with ``max_examples // divisor`` (at least ``least``), for tests whose examples are costly.

    Such tests are parametrised over optimizers already, so most of their coverage comes from the grid, not
    the search (array-api-tests does the same for its ``unvectorized`` tests).
    """
    return settings(max_examples=max(least, settings.default.max_examples // divisor))


def stateful(divisor: int, steps: int) -> settings:
    """``fewer_examples(divisor)`` for a stateful machine's test, each example ``steps`` rules long."""
    return settings(fewer_examples(divisor), stateful_step_count=steps)


def check_option(name: str | None) -> None:
    """ValueError, listing the valid names, when ``--hypothesis-profile=name`` names no registered profile."""
    if name is None:
        return
    try:
        settings.get_profile(name)
    except InvalidArgument:
        raise ValueError(f"--hypothesis-profile={name!r} is not a profile; valid: {', '.join(PROFILES)}") from None


def load_from_environment() -> str | None:
    """Load the profile named by HYPOTHESIS_PROFILE, if set; ValueError lists the valid names."""
    name = os.environ.get(ENV_VAR)
    if not name:
        return None
    if name not in PROFILES:
        raise ValueError(f"{ENV_VAR}={name!r} is not a profile; valid: {', '.join(PROFILES)}")
    settings.load_profile(name)
    return name
