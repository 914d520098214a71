"""The CI gate: run the suite on one or more backends, write the reports, say conformant or not.

    python -m harness.gate --backend=my_package.compat:api [--backend=...] [--divergences=FILE] [--out=DIR]

Each backend runs in a pytest process of its own (some flip process-wide switches). The reports go to
``--out`` (default ``reports``); when ``GITHUB_STEP_SUMMARY`` is set, the Markdown report is appended to it, so
it shows on the GitHub Actions job page. Exit status: 0 when every backend conforms (known divergences
allowed), 1 when a test failed, crashed or lacked an API name, or a run had a problem; 2 on bad input.
Pytest options after ``--`` are passed on (e.g. ``-- -k get_global_step``).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from harness import report
from harness import results as results_module

ROOT = Path(__file__).resolve().parent.parent


def run_backend(backend: str, results: Path, divergences: Path | None, extra: list[str]) -> int:
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--backend={backend}",
            f"--results={results}", *([f"--divergences={divergences}"] if divergences else []), *extra]
    print(f"$ {' '.join(args[1:])}", flush=True)
    return subprocess.run(args, cwd=ROOT, check=False).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harness.gate", description=__doc__.splitlines()[0])
    parser.add_argument("--backend", action="append", required=True, help="a backend SPEC; repeatable")
    parser.add_argument("--divergences", type=Path, help="known divergences of your backend (TOML)")
    parser.add_argument("--out", type=Path, default=Path("reports"), help="folder for the reports")
    parser.add_argument("pytest_args", nargs="*", help="passed on to pytest (after --)")
    args = parser.parse_args(argv)
    out = (Path.cwd() / args.out).resolve()
    divergences = args.divergences.resolve() if args.divergences else None
    files = []
    for backend in args.backend:
        path = out / "runs" / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', backend)}.json"
        path.unlink(missing_ok=True)  # never report a previous run's results
        code = run_backend(backend, path, divergences, args.pytest_args)
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


if __name__ == "__main__":
    sys.exit(main())
