"""Run the reproduction snippets of recorded failures, each in a fresh interpreter, outside the checkout.

A snippet must fail on the backend it was recorded against (an AssertionError for a contract failure, the
backend's exception for a crash) and pass on the correct backend it was derived from: the same program with
the import line swapped. ``python -m meta_tests.reproductions RESULTS.json`` prints every snippet that does not.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRASHED = re.compile(r"crashed: (\w+):")  # BackendCrash messages name the backend's exception
EARLIER_TEST = "earlier test"  # in the note of a snippet whose failure came from state an earlier test left
CORRECT_IMPORT = {"reference": "import impls.reference as tf1", "tensorflow": "import tensorflow.compat.v1 as tf1",
                  "counter": "import impls.reference.keras as keras", "tf2": "import impls.reference.tf2 as tf"}


def correct_import(backend: str) -> str:
    """The import line of the correct backend a shipped mutant was made from (it_*: the reference's counter; t2_*:
    the reference's tf2 surface)."""
    name = backend.removeprefix("impls.mutants.").partition(":")[0]
    kind = {"tf_": "tensorflow", "it_": "counter", "t2_": "tf2"}.get(name[:3], "reference")
    return CORRECT_IMPORT[kind]


@dataclass
class Outcome:
    returncode: int
    last_line: str  # the last line of stderr: the exception that ended the program, if any
    output: str


def run_snippet(code: str, timeout: float = 300) -> Outcome:
    """``code`` in a fresh interpreter, from an empty folder, with the checkout on PYTHONPATH (its first line
    says so)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "reproduce.py")
        path.write_text(code + "\n", encoding="utf-8")
        # One BLAS thread: numpy's thread pool costs a snippet more CPU than its whole program.
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "2", "OPENBLAS_NUM_THREADS": "1"}
        done = subprocess.run([sys.executable, str(path)], cwd=folder, env=env, capture_output=True, text=True,
                              timeout=timeout, check=False)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    return Outcome(done.returncode, lines[-1] if lines else "", done.stdout[-2000:] + done.stderr[-2000:])


def problems_of(record: dict) -> list[str]:
    """What is wrong with one failure's snippet: [] when it fails on the mutant and passes on the correct backend."""
    code = record["snippet"]
    where = f"{record['nodeid']} ({record['verdict']})"
    if not code:
        if "XPASS(strict)" in (record["message"] or ""):
            return []  # a known divergence that passed: the run ran fine, there is no failure to reproduce
        return [f"{where}: no snippet"]
    lines = code.splitlines()
    if not lines[0].startswith("# Needs "):
        return [f"{where}: the first line does not say what the snippet needs: {lines[0]!r}"]
    found = []
    on_mutant = run_snippet(code)
    foreign = any(line.startswith("# Note: ") and EARLIER_TEST in line for line in lines)
    if on_mutant.returncode == 0 and foreign:
        pass  # the snippet says the failure came from state an earlier test left: alone it may pass
    elif on_mutant.returncode == 0:
        found.append(f"{where}: the snippet exits 0 on the backend it was recorded on:\n{code}")
    elif record["verdict"] == "fail" and not on_mutant.last_line.startswith("AssertionError"):
        found.append(f"{where}: the snippet ends in {on_mutant.last_line!r}, not an AssertionError:\n{code}\n"
                     f"{on_mutant.output}")
    elif record["verdict"] == "error" and (crash := CRASHED.search(record["message"] or "")) \
            and crash.group(1) not in on_mutant.last_line:
        found.append(f"{where}: the backend raised {crash.group(1)} in the suite, but the snippet ends in "
                     f"{on_mutant.last_line!r}:\n{code}")
    at = next(i for i, line in enumerate(lines) if line.startswith(("import ", "from ")))
    swapped = "\n".join([*lines[:at], correct_import(record["backend"]), *lines[at + 1:]])
    on_correct = run_snippet(swapped)
    if on_correct.returncode != 0:
        found.append(f"{where}: the snippet fails on the correct backend too ({on_correct.last_line}):\n{swapped}")
    return found


def check_all(records: list[dict], workers: int = 2) -> list[str]:
    """Problems of every failing record's snippet, two interpreters at a time."""
    failing = [r for r in records if r["verdict"] in ("fail", "error")]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return [problem for problems in pool.map(problems_of, failing) for problem in problems]


if __name__ == "__main__":
    import json

    found = check_all([r for path in sys.argv[1:] for r in json.loads(Path(path).read_text())["results"]])
    print("\n\n".join(found) or "every snippet reproduces")
    sys.exit(1 if found else 0)
