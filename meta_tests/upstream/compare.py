"""TensorFlow's own training_util_test.py against the TensorFlow mutants, side by side with this suite.

    python -m meta_tests.upstream.compare            # print the table
    python -m meta_tests.upstream.compare --write    # also put it in README.md, between the kill-table markers
    python -m meta_tests.upstream.compare --upstream-json   # only the upstream half, as JSON (used by tests)

The upstream test calls ``tensorflow.python.training.training_util`` directly, so each mutant's replaced
functions (its ``TRAINING_UTIL``) are patched into that module for the run. A mutant counts as caught by the
upstream test only when a test that passes on real TensorFlow fails on it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import unittest
from pathlib import Path

from harness import versions
from impls import mutants
from meta_tests import selftest

ROOT = Path(__file__).resolve().parent.parent.parent
BLOCK = "kill-table"  # the README part between <!-- kill-table:start --> and <!-- kill-table:end -->


def run_upstream(names: list[str]) -> dict:
    """{"baseline": failing tests on real TF, "mutants": {name: failing tests}, "tests": how many ran}."""
    from tensorflow.python.training import training_util

    from meta_tests.upstream import training_util_test

    def failing() -> tuple[list[str], int]:
        suite = unittest.defaultTestLoader.loadTestsFromModule(training_util_test)
        result = unittest.TextTestRunner(stream=open("/dev/null", "w"), verbosity=0).run(suite)  # noqa: SIM115
        bad = sorted(test.id().rsplit(".", 1)[-1] for test, _ in result.failures + result.errors)
        return bad, result.testsRun - len(result.skipped)

    baseline, ran = failing()
    found = {}
    for name in names:
        replaced = mutants.load(name).TRAINING_UTIL
        saved = {attr: getattr(training_util, attr) for attr in replaced}
        try:
            for attr, function in replaced.items():
                setattr(training_util, attr, function)
            found[name] = failing()[0]
        finally:
            for attr, function in saved.items():
                setattr(training_util, attr, function)
    return {"baseline": baseline, "tests": ran, "mutants": found}


def upstream_in_subprocess(names: list[str]) -> dict:
    """run_upstream in a fresh interpreter (it patches TensorFlow's module for the duration)."""
    done = subprocess.run([sys.executable, "-m", "meta_tests.upstream.compare", "--upstream-json", *names],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(upstream: dict, ours: dict[str, set[str]]) -> str:
    """Markdown: per TensorFlow mutant, what upstream's test and this suite catch it with."""
    names = sorted(upstream["mutants"])
    rows = [
        "| TensorFlow mutant | what it breaks | upstream `training_util_test.py` "
        "| this suite (declared clauses that catch it) |",
        "|---|---|---|---|",
    ]
    for name in names:
        module = mutants.load(name)
        failing = [test for test in upstream["mutants"][name] if test not in upstream["baseline"]]
        theirs = f"caught by {', '.join(f'`{t}`' for t in failing)}" if failing else "**not caught**"
        caught = sorted({clause for clause, _ in ours.get(name, set()) & selftest.declared(name)})
        mine = f"caught: {', '.join(f'`{c}`' for c in caught)}" if caught else "**not caught**"
        breaks = module.__doc__.strip().removeprefix("TensorFlow, but ")
        rows.append(f"| `{name}` | {breaks} | {theirs} | {mine} |")
    killed_theirs = sum(1 for n in names if set(upstream["mutants"][n]) - set(upstream["baseline"]))
    killed_ours = sum(1 for n in names if ours.get(n, set()) & selftest.declared(n))
    rows.append(f"| **caught** | | **{killed_theirs} of {len(names)}** ({upstream['tests']} tests) | "
                f"**{killed_ours} of {len(names)}** |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update the table in README.md")
    parser.add_argument("--upstream-json", nargs="*", metavar="MUTANT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.upstream_json is not None:
        print(json.dumps(run_upstream(args.upstream_json)))
        return
    names = selftest.TENSORFLOW_MUTANTS
    upstream = upstream_in_subprocess(names)
    # The self-test's run exactly (same seed), so that its check of this table is deterministic.
    run = selftest.run_suite([selftest.mutant_backend(n) for n in names], profile="selftest", seed=selftest.SEEDS[0],
                             declared_only="clause")
    ours = {name: run.kills().get(selftest.mutant_backend(name), set()) for name in names}
    block = table(upstream, ours)
    print(block)
    if args.write:
        readme = ROOT / "README.md"
        text = versions.replace_block(readme.read_text(encoding="utf-8"), BLOCK, block)
        readme.write_text(text, encoding="utf-8")
        print(f"written to {readme.name}")


if __name__ == "__main__":
    main()
