"""Time the conformance run per backend, the way a user runs it. Prints figures; asserts nothing.

    python bench/suite_speed.py [--backends reference,tensorflow] [--repeat 3] [--profile default]

Targets (issue 3): reference under 20 s, tensorflow under 90 s (import included), default profile. Each run
is a fresh `python -m pytest` process, so interpreter start-up and imports are counted as a user sees them.
The machine is shared and noisy: read the spread, and compare backends within one invocation.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def time_run(backend: str, profile: str) -> tuple[float, str]:
    env = {**os.environ, "HYPOTHESIS_PROFILE": profile}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", f"--backend={backend}"],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else f"exit {done.returncode}"
    return elapsed, summary


def time_import(module: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="reference,tensorflow")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", default="default")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, profile {args.profile}, {args.repeat} runs each")
    for backend in args.backends.split(","):
        times, summary = [], ""
        for _ in range(args.repeat):
            elapsed, summary = time_run(backend, args.profile)
            times.append(elapsed)
        print(f"{backend:>12}: median {statistics.median(times):6.1f} s  (min {min(times):.1f}, max {max(times):.1f})"
              f"  last: {summary}")
    if "tensorflow" in args.backends:
        print(f"{'(context)':>12}: `import tensorflow` alone {time_import('tensorflow'):.1f} s")


if __name__ == "__main__":
    main()
