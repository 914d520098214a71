"""Which clauses changed verdict between two results files: the regression report.

    python -m harness.diff OLD.json NEW.json          (or: tox -e diff -- OLD.json NEW.json)

Backends are matched by name; when each file holds exactly one backend, those two are compared whatever their
names (TensorFlow 2.15 against 2.21, say). Exit status: 1 when any clause regressed, 0 otherwise, 2 on bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from harness import results as results_module
from harness import verdicts
from harness.report import clause_verdicts


def pairs(old: dict, new: dict) -> list[tuple[str, str]]:
    """The (old backend, new backend) pairs to compare."""
    old_names = [run["backend"] for run in old["runs"]]
    new_names = [run["backend"] for run in new["runs"]]
    if len(old_names) == 1 and len(new_names) == 1:
        return [(old_names[0], new_names[0])]
    shared = [name for name in old_names if name in new_names]
    if not shared:
        raise ValueError(f"no backend in common: old has {', '.join(old_names)}, new has {', '.join(new_names)}")
    return [(name, name) for name in shared]


def compare(old: dict, new: dict) -> dict:
    """{"regressions", "fixes", "other", "informative"}: lists of clause changes.

    A change of an observed clause (what TF happens to do) is informative, never a regression.
    """
    before, after = clause_verdicts(old), clause_verdicts(new)
    versions = {run["backend"]: run["backend_version"] for run in old["runs"] + new["runs"]}
    changes = {"regressions": [], "fixes": [], "other": [], "informative": []}
    for old_name, new_name in pairs(old, new):
        for clause_id in dict.fromkeys([*old["clauses"], *new["clauses"]]):
            was, now = before[old_name].get(clause_id), after[new_name].get(clause_id)
            if was == now:
                continue
            clause = new["clauses"].get(clause_id) or old["clauses"][clause_id]
            change = {"clause": clause_id, "level": clause["level"],
                      "old": f"{old_name} {versions[old_name]}", "new": f"{new_name} {versions[new_name]}",
                      "was": was, "now": now}
            if change["level"] == "observed":
                kind = "informative"
            else:
                worse = verdicts.severity(now) - verdicts.severity(was)
                kind = "regressions" if worse > 0 else "fixes" if worse < 0 else "other"
            changes[kind].append(change)
    return changes


def render(changes: dict) -> str:
    lines = []
    for kind in ("regressions", "fixes", "other", "informative"):
        lines.append(f"{kind} ({len(changes[kind])}):")
        for c in changes[kind]:
            lines.append(f"  {c['clause']} [{c['level']}]: {c['was'] or 'not run'} -> {c['now'] or 'not run'}"
                         f"   ({c['old']} -> {c['new']})")
    if not any(changes.values()):
        lines.append("no clause changed verdict")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harness.diff", description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    try:
        changes = compare(results_module.load(args.old), results_module.load(args.new))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(render(changes))
    return 1 if changes["regressions"] else 0


if __name__ == "__main__":
    sys.exit(main())
