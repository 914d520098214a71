#!/usr/bin/env bash
# The steps of .github/workflows/conformance.yml, run on this machine: what an implementer's CI does.
# Usage: run_ci_locally.sh [SUITE_CHECKOUT]   (default: the suite this example lives in)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
suite=$(cd "${1:-$here/../..}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# "Check out your implementation" and "Check out the conformance suite, pinned" (the files git tracks).
cp -r "$here/." "$work/impl"
mkdir "$work/impl/conformance"
(cd "$suite" && git ls-files -z | xargs -0 tar -cf - | tar -xf - -C "$work/impl/conformance")

# "setup-python" and "Install your implementation and the suite's test dependencies".
python3 -m venv "$work/venv"
py="$work/venv/bin/python"
cd "$work/impl"
"$py" -m pip install -q --upgrade pip
"$py" -m pip install -q .
"$py" -m pip install -q --group conformance/pyproject.toml:test

# "Run the gate": GitHub sets GITHUB_STEP_SUMMARY; here it is a file we print.
export GITHUB_STEP_SUMMARY="${GITHUB_STEP_SUMMARY:-$work/summary.md}"
status=0
(cd conformance && "$py" -m harness.gate --backend=tiny_global_step:api \
    --divergences=../conformance-divergences.toml --out=../conformance-reports) || status=$?
echo "gate exit status: $status; job summary in $GITHUB_STEP_SUMMARY"
ls conformance-reports
exit "$status"
