"""The CI gate an implementer runs: green on a conformant backend, red on a broken one, same steps as the workflow."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.selftest, pytest.mark.timeout(0)]  # subprocess runs with timeouts of their own


def gate(tmp_path, *args):
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    done = subprocess.run([sys.executable, "-m", "harness.gate", f"--out={tmp_path / 'reports'}", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    return done, summary


def test_gate_is_red_on_a_broken_backend(tmp_path):
    """A mutant makes the gate exit 1 and say NOT conformant; the job summary names the broken clause."""
    done, summary = gate(tmp_path, "--backend=impls.mutants.trainable_step:api", "--", "-k", "trainable")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "first pass: RED in" in done.stdout  # the fail-fast pass said so before the full run
    assert done.stdout.index("first pass: RED") < done.stdout.index("--results=")
    assert "NOT conformant" in done.stdout
    assert "| `GS-CREATE-FRESH-NOT-TRAINABLE` | de-facto | ❌ fail |" in summary.read_text(encoding="utf-8")
    assert {p.name for p in (tmp_path / "reports").iterdir()} >= {"results.json", "conformance.md",
                                                                  "conformance.html", "junit.xml"}


def test_gate_refuses_a_backend_that_cannot_load(tmp_path):
    """A backend that does not import gives exit 2 and says why, not a report of nothing."""
    done, _ = gate(tmp_path, "--backend=no_such_module_xyz")
    assert done.returncode == 2
    assert "wrote no results" in done.stderr


def test_the_workflow_steps_pass_for_the_example_implementation(runs):
    """examples/thirdparty/run_ci_locally.sh (the workflow's steps) is green, with its known divergence."""
    workflow = runs.workflow.result()
    assert workflow.returncode == 0, workflow.output
    assert "| tiny_global_step:api | `tiny_global_step:api` 0.1.0 |" in workflow.summary
    assert "conformant, 1 known divergence(s)" in workflow.summary
