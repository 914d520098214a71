"""Runs of the conformance suite that the self-tests judge: against mutants, correct backends and many seeds.

Every run is ``python -m pytest tests --results=FILE`` in a subprocess, so each gets a fresh TensorFlow (some
backends flip process-wide switches). Runs are started together on a pool of two (this machine has two cores)
and their results read when a test needs them.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from impls import mutants
from meta_tests.declared_only import KINDS
from spec import registry

ROOT = Path(__file__).resolve().parent.parent
SEEDS = (1, 2, 3, 4, 5)


@dataclass
class Run:
    """One finished run: pytest's exit code and the per-test records of --results."""

    args: list[str]
    returncode: int
    records: list[dict]
    output: str
    seconds: float = 0.0
    coverage: dict | None = None  # what --api-coverage recorded (harness/apicoverage.py), when asked for

    def verdicts(self) -> dict[str, str]:
        return {record["nodeid"]: record["verdict"] for record in self.records}

    def kills(self) -> dict[str, set[tuple[str, str]]]:
        """Backend name -> the (clause, kind) pairs whose tests caught it (kind: "fail" or "crash")."""
        caught = collections.defaultdict(set)
        for record in self.records:
            for kind, verdicts in KINDS.items():
                if record["verdict"] in verdicts:
                    caught[record["backend"]].update((clause, kind) for clause in record["failed_clauses"])
        return caught


def run_suite(backends: list[str], *, profile: str, seed: int | None = None, declared_only: str | None = None,
              extra: tuple | list = (), api_coverage: bool = False) -> Run:
    """The suite on ``backends``; ``declared_only``: each mutant only on its declared clauses' tests, stopping
    once they caught it (``"clause"`` or ``"mutant"``: see meta_tests/declared_only.py); ``api_coverage``: record
    which parameters the tests pass to the reference (``--api-coverage``)."""
    with tempfile.TemporaryDirectory() as folder:
        results, coverage = Path(folder, "results.json"), Path(folder, "api-coverage.json")
        extra = [*extra, f"--api-coverage={coverage}"] if api_coverage else extra
        args = [sys.executable, "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider", "--tb=no", "-rN",
                f"--backend={','.join(backends)}", f"--results={results}"]
        if declared_only:
            args += ["-p", "meta_tests.declared_only", f"--stop-when-caught={declared_only}"]
        args += list(extra)
        if seed is not None:
            args.append(f"--hypothesis-seed={seed}")
        env = {**os.environ, "HYPOTHESIS_PROFILE": profile}
        start = time.perf_counter()
        done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        records = json.loads(results.read_text(encoding="utf-8"))["results"] if results.exists() else []
        recorded = json.loads(coverage.read_text(encoding="utf-8")) if coverage.exists() else None
    return Run(args, done.returncode, records, done.stdout[-3000:] + done.stderr[-3000:],
               time.perf_counter() - start, recorded)


@dataclass
class Workflow:
    """examples/thirdparty/run_ci_locally.sh run to its end: its exit code, output and job summary."""

    returncode: int
    output: str
    summary: str
    seconds: float


def run_workflow() -> Workflow:
    """The example implementer's CI steps (a fresh venv, pip installs, the gate) in a subprocess."""
    with tempfile.TemporaryDirectory() as folder:
        summary = Path(folder, "summary.md")
        start = time.perf_counter()
        done = subprocess.run([str(ROOT / "examples" / "thirdparty" / "run_ci_locally.sh"), str(ROOT)],
                              capture_output=True, text=True, env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)},
                              check=False, timeout=900)
        text = summary.read_text(encoding="utf-8") if summary.exists() else ""
    return Workflow(done.returncode, done.stdout[-3000:] + done.stderr[-3000:], text, time.perf_counter() - start)


def mutant_backend(name: str) -> str:
    return f"impls.mutants.{name}:api"


MUTANTS = mutants.discover()
REFERENCE_MUTANTS = [name for name in MUTANTS if not name.startswith("tf_")]
TENSORFLOW_MUTANTS = [name for name in MUTANTS if name.startswith("tf_")]
#: Correct backends that must pass, with the profile each runs at. The reference passes with five seeds
#: (Runs.reference_by_seed); TensorFlow itself and through a forwarding object (impls.proxy:tensorflow) are gated
#: by `tox -e tensorflow`; only RefVariables are checked here.
CORRECT_BACKENDS = {"impls.tensorflow_refvariables:api": "dev"}
#: Mutants run on every test, not only their declared clauses' (for the reproduction snippets of their failures
#: and for harness errors on tests a mutant should not break): one per API area, reference and TensorFlow, two of
#: the counter surface (a failure, a crash), two of the tf2 surface (their snippets define tf.functions and read a
#: name twice), and one with process-wide state (one_step_for_all_graphs: its snippets carry the "earlier test"
#: note).
#: Not in it: uses_global_default_graph, whose process-wide graph makes create_global_step raise in later tests
#: without returning any object by which the program could notice the state (the README says so).
SAMPLE = ("int32_step", "new_step_every_call", "create_returns_none", "get_only_by_name", "assert_no_type_check",
          "helper_returns_numpy", "apply_gradients_increments_first", "one_step_for_all_graphs",
          "it_starts_at_one", "it_pairs_read_twice", "t2_read_value_is_live")
#: TensorFlow mutants whose failures' snippets are run too: taken from the TensorFlow mutants' run (each
#: TensorFlow snippet costs an `import tensorflow` twice, so one mutant with few failures).
TENSORFLOW_SAMPLE = ("tf_trainable_step",)
JUDGED = [clause.id for clause in registry.load().clauses.values() if clause.judged]


class Runs:
    """All the runs the self-tests need, started at once, two at a time."""

    def __init__(self):
        self._pool = ThreadPoolExecutor(max_workers=2)
        self.mutants_by_seed: dict[int, Future] = {}
        self.reference_by_seed: dict[int, Future] = {}
        self.correct: dict[str, Future] = {}
        self.tensorflow_mutants: Future | None = None
        self.sample: Future | None = None
        self.workflow: Future | None = None
        self.api_coverage: Future | None = None

    def start(self) -> None:
        submit = self._pool.submit
        # The longest first, so the pool stays busy. The example's CI steps run here too, not in the pytest
        # process, which has enough other self-tests to run meanwhile.
        self.workflow = submit(run_workflow)
        self.tensorflow_mutants = submit(run_suite, [mutant_backend(n) for n in TENSORFLOW_MUTANTS],
                                         profile="selftest", seed=SEEDS[0], declared_only="clause")
        self.sample = submit(run_suite, [mutant_backend(n) for n in SAMPLE], profile="selftest", seed=SEEDS[0])
        for seed in SEEDS:  # the first seed gives the kill matrix; the others only say "caught again"
            self.mutants_by_seed[seed] = submit(run_suite, [mutant_backend(n) for n in REFERENCE_MUTANTS],
                                                profile="selftest", seed=seed,
                                                declared_only="clause" if seed == SEEDS[0] else "mutant")
        # What the tests pass to the reference, in the derandomised ci profile, so the verdict repeats.
        self.api_coverage = submit(run_suite, ["reference"], profile="ci", api_coverage=True)
        for backend, profile in CORRECT_BACKENDS.items():
            self.correct[backend] = submit(run_suite, [backend], profile=profile)
        for seed in SEEDS:
            self.reference_by_seed[seed] = submit(run_suite, ["reference"], profile="default", seed=seed)

    def kill_matrix(self) -> dict[str, set[tuple[str, str]]]:
        """Mutant name -> (clause, kind) pairs that caught it (first seed for the reference mutants)."""
        caught = {**self.mutants_by_seed[SEEDS[0]].result().kills(), **self.tensorflow_mutants.result().kills()}
        return {name: caught.get(mutant_backend(name), set()) for name in MUTANTS}

    def timings(self) -> list[str]:
        """One line per finished run: what it ran and how long it took."""
        named = [("the example's CI workflow (examples/thirdparty/run_ci_locally.sh)", self.workflow),
                 ("TensorFlow mutants (declared clauses)", self.tensorflow_mutants),
                 ("sample (every test)", self.sample),
                 *((f"reference mutants, seed {s} (declared clauses)", f) for s, f in self.mutants_by_seed.items()),
                 ("API coverage: the reference, ci profile", self.api_coverage),
                 *((f"correct: {b}", f) for b, f in self.correct.items()),
                 *((f"reference, seed {s}", f) for s, f in self.reference_by_seed.items())]
        return [f"  {future.result().seconds:6.1f} s  {name}" for name, future in named
                if future is not None and future.done() and not future.cancelled() and not future.exception()]

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def declared(name: str) -> set[tuple[str, str]]:
    """The (clause, kind) pairs mutant ``name`` declares in KILLED_BY."""
    return set(mutants.load(name).KILLED_BY.items())


def matrix_text(matrix: dict[str, set[tuple[str, str]]]) -> str:
    """The kill matrix, one line per mutant, then each judged clause with how many mutants it caught."""
    lines = ["mutant x clause kill matrix (✓ = caught by a declared clause, the declared way)"]
    for name in MUTANTS:
        caught = matrix.get(name, set())
        mark = "✓" if caught & declared(name) else "✗ SURVIVED"
        lines.append(f"  {mark:<10} {name:<40} declared {', '.join(f'{c}:{k}' for c, k in sorted(declared(name)))}; "
                     f"caught by {', '.join(f'{c}:{k}' for c, k in sorted(caught)) or 'nothing'}")
    counts = collections.Counter(clause for caught in matrix.values() for clause, _ in caught)
    lines.append("judged clauses, with the number of mutants each caught:")
    lines.extend(f"  {counts[clause]:>3}  {clause}" for clause in JUDGED)
    return "\n".join(lines)
