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
#: Hypothesis's own defaults, the parent of every profile here. Not ``settings.default``: with a CI variable set
#: (CI, GITHUB_ACTIONS, ...) that is Hypothesis's "ci" profile, loaded at import, and a profile registered without
#: a parent inherits from it: "selftest" and "default" then were derandomised and ignored ``--hypothesis-seed``
#: (measured: the self-tests' TensorFlow mutants met other examples under CI=true than without it).
HYPOTHESIS_DEFAULTS = settings.get_profile("default")


def _register(name: str, **options) -> None:
    """A profile over Hypothesis's defaults, with ``deadline=None`` and ``print_blob=True`` (see above)."""
    settings.register_profile(name, parent=HYPOTHESIS_DEFAULTS, deadline=None, print_blob=True, **options)


# 15, not Hypothesis' 100: every example draws a whole set-up (call form, context, graph and step state; for
# training also the fetches, a second op, a bystander session...), so breadth comes from each example's width
# and from the explicit examples every test runs first, not from the count. The TensorFlow run stays < 40 s.
_register("default", max_examples=15)
_register("dev", max_examples=10)
# Registering "ci" also replaces the profile Hypothesis loads by itself when it detects a CI environment.
_register("ci", max_examples=40, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
_register("x10", max_examples=150)
# The gate's first pass: every test's explicit examples and one generated example, before any deeper search.
_register("quick", max_examples=1, derandomize=True, database=None, phases=[Phase.explicit, Phase.generate])
_register("thorough", max_examples=400)
# For running the suite against mutants (meta_tests/): random like "default", but lean, and without the
# shrink and explain phases, which cost minutes on a backend that fails hundreds of examples on purpose.
_register("selftest", max_examples=10, database=None, report_multiple_bugs=False,
          phases=[Phase.explicit, Phase.reuse, Phase.generate])

PROFILES = ("default", "dev", "ci", "quick", "thorough", "selftest", "x10")


def _draw_from_the_strategies_alone() -> None:
    """Stop Hypothesis (6.131+) from mixing literals of the loaded modules into its draws.

    Hypothesis draws about 5% of its numbers and strings from the constants written in every "local" module
    (outside site-packages and outside test files) that happens to be imported when a test starts. Here that is
    the backend under test, the reference, harness/ and every mutant loaded so far, so the examples a seed gives
    changed with the backend being tested, with the order of tests in a run, with any edit to an unrelated
    literal (meta_tests/test_profiles.py shows it). A verdict must repeat for the same seed, and two backends
    (or two versions of one) must meet the same examples, or a regression report compares luck. Our strategies name the
    values that matter themselves. The hook is private: on a Hypothesis without it there is nothing to turn off.
    """
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:  # pragma: no cover - a Hypothesis that moved it
        return
    if hasattr(providers, "_get_local_constants") and hasattr(providers, "Constants"):
        empty = providers.Constants()
        providers._get_local_constants = lambda: empty


_draw_from_the_strategies_alone()


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
