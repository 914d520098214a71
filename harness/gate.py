"""The CI gate: run the suite on one or more backends, write the reports, say conformant or not.

    python -m harness.gate --backend=my_package.compat:api [--backend=...] [--divergences=[BACKEND=]FILE]
                           [--out=DIR]

Each backend runs in a pytest process of its own (some flip process-wide switches). The reports go to
``--out`` (default ``reports``); when ``GITHUB_STEP_SUMMARY`` is set, the Markdown report is appended to it, so
it shows on the GitHub Actions job page. Exit status: 0 when every backend conforms (known divergences
allowed), 1 when a test failed, crashed or lacked an API name, or a run had a problem; 2 on bad input (an
empty or unknown backend, a divergences file given to several backends), checked before any run.
Each backend first gets a fail-fast pass (profile ``quick``: explicit examples and one generated example per
test, ``-x``), which prints the first red within seconds; then the full run. Pytest options after ``--`` are
passed on (e.g. ``-- -k get_global_step``). The Hypothesis profile is ``ci``
(derandomised, no shrinking) unless ``HYPOTHESIS_PROFILE`` or ``--hypothesis-profile`` says otherwise.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from harness import backends, divergences, profiles, report
from harness import results as results_module

ROOT = Path(__file__).resolve().parent.parent


def pytest_args(backend: str, divergences: list[str], *options: str) -> list[str]:
    """The pytest command of one gate run of ``backend``; ``options`` come before the user's (after ``--``)."""
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--backend={backend}", *options,
            *(f"--divergences={value}" for value in divergences)]


def first_pass(backend: str, divergences: list[str], extra: list[str]) -> bool:
    """Every test's explicit examples and one generated example, stopping at the first failure (-x): a red
    backend is red within seconds, before the full run writes the complete report. True when green."""
    args = [*pytest_args(backend, divergences, "-x", "--no-header", "--tb=line", "--hypothesis-profile=quick"),
            *extra]
    start = time.perf_counter()
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode == 0:
        print(f"first pass (explicit examples and one generated example per test): green in {seconds:.1f} s",
              flush=True)
        return True
    lines = [line for line in done.stdout.splitlines() if line.startswith(("FAILED", "ERROR", "E "))]
    print(f"first pass: RED in {seconds:.1f} s (pytest exit code {done.returncode}): "
          f"{lines[0] if lines else (done.stdout + done.stderr).strip()[-500:]}", flush=True)
    print("the full run follows, for the complete report", flush=True)
    return False


def run_backend(backend: str, results: Path, divergences: list[str], extra: list[str]) -> int:
    profile = [] if any(a.startswith("--hypothesis-profile") for a in extra) or os.environ.get(profiles.ENV_VAR) \
        else ["--hypothesis-profile=ci"]  # derandomised: a gate's verdict repeats; no shrinking: red in seconds
    args = [*pytest_args(backend, divergences, f"--results={results}", *profile), *extra]
    print(f"$ {' '.join(args[1:])}", flush=True)
    return subprocess.run(args, cwd=ROOT, check=False).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harness.gate", description=__doc__.splitlines()[0])
    parser.add_argument("--backend", action="append", required=True, help="a backend SPEC; repeatable")
    parser.add_argument("--divergences", action="append", default=[], metavar="[BACKEND=]FILE",
                        help="known divergences of a backend (TOML); repeatable; BACKEND=FILE names the backend, "
                             "a bare FILE is allowed with one backend only")
    parser.add_argument("--out", type=Path, default=Path("reports"), help="folder for the reports")
    parser.add_argument("--no-first-pass", action="store_true",
                        help="skip the fail-fast first pass (explicit examples and one generated example per test, "
                             "-x) that shows a red backend within seconds")
    parser.add_argument("pytest_args", nargs="*", help="passed on to pytest (after --)")
    args = parser.parse_args(argv)
    out = (Path.cwd() / args.out).resolve()
    try:
        divergences = _divergences(args.backend, args.divergences)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    files = []
    for backend in args.backend:
        path = out / "runs" / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', backend)}.json"
        path.unlink(missing_ok=True)  # never report a previous run's results
        if not args.no_first_pass:
            first_pass(backend, divergences[backend], args.pytest_args)
        code = run_backend(backend, path, divergences[backend], args.pytest_args)
        if not path.exists():
            print(f"error: the run of {backend} wrote no results (pytest exit code {code}); see its output above",
                  file=sys.stderr)
            return 2
        files.append(path)
    document = report.merge([results_module.load(path) for path in files])
    for path in report.write_all(document, out):
        print(f"wrote {path}")
    markdown = report.markdown(document)
    if summary := os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(markdown)
    print(markdown.split("\n<details>")[0])
    if report.conforms(document):
        print("conformant")
        return 0
    print(f"NOT conformant: {len(report.failing(document))} failing test(s), "
          f"{len(document['problems'])} run problem(s)")
    return 1


def _divergences(specs: list[str], values: list[str]) -> dict[str, list[str]]:
    """Each --backend SPEC's --divergences values for its pytest run; ValueError on an empty SPEC or a bad value."""
    names = {}
    for spec in specs:
        for name in backends.parse_spec(spec):  # BackendError (a ValueError) on an empty SPEC
            names[name] = spec
    chosen = {spec: [] for spec in specs}
    for name, file in divergences.assign(values, list(names)).items():
        chosen[names[name]].append(f"{name}={Path(file).resolve() if file else ''}")
    return chosen


if __name__ == "__main__":
    sys.exit(main())
