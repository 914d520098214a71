"""Mutation testing of the reference's global-step code with mutmut, and its report (``tox -e mutation``).

mutmut (configured in pyproject.toml, ``[tool.mutmut]``) mutates impls/reference/train.py, session.py, tf2.py and
keras.py one change at a time and runs the conformance suite on the reference against each mutant. This module
runs it, reads its verdicts through its command line (``mutmut results``, ``mutmut show``), subtracts the
survivors that spec/equivalent-mutants.toml justifies, and writes::

    {"tool": "mutmut", "version": ..., "mutants": N, "killed": N, "survived": N, "equivalent": N,
     "score": killed / (mutants - equivalent), "seconds": ..., "survivors": [{"id", "file", "line", "diff"}],
     "equivalents": [{"id", "reason"}]}

An equivalents entry names its mutant by what it changes, not by mutmut's number: ``function`` (the mutant's name
without ``__mutmut_N``) and ``change`` (the diff's removed and added lines, indentation stripped, as
``change_of`` writes them). mutmut numbers the mutants of a function in order, so a number moves whenever a line
of that function (or the set of mutation operators) changes; the change itself does not.

Exit status: 0 when the score reaches ``--target``, at most ``--max-equivalent`` of all mutants are listed as
equivalent, and every equivalent-mutants entry names a mutant that exists and survived; 1 otherwise; 2 for bad
input. A score can only be trusted with a fresh ``mutants/`` folder: ``--run`` removes it first.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
import time
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "spec" / "equivalent-mutants.toml"
#: mutmut's verdicts, by what they mean for the score.
KILLED = {"killed", "timeout", "segfault", "caught by type check"}
SURVIVED = {"survived", "no tests", "suspicious", "skipped", "not checked"}
RESULT = re.compile(r"^\s+(\S+): (.+)$")


class MutationError(Exception):
    """Bad input: a malformed equivalents file, or mutmut not runnable."""


def mutmut(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "mutmut", *args], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise MutationError(f"mutmut {' '.join(args)} failed ({done.returncode}):\n{done.stdout[-2000:]}"
                            f"{done.stderr[-2000:]}")
    return done.stdout


def verdicts() -> dict[str, str]:
    """Mutant id -> mutmut's verdict, for every mutant of the last run."""
    found = {}
    for line in mutmut("results", "--all", "true").splitlines():
        if match := RESULT.match(line):
            found[match.group(1)] = match.group(2).strip()
    return found


def survivor(mutant_id: str) -> dict:
    """A surviving mutant's id, file, first changed line in that file, and diff (from ``mutmut show``)."""
    diff = mutmut("show", mutant_id).split("\n", 1)[-1].strip()
    file = next((line[4:].strip() for line in diff.splitlines() if line.startswith("+++ ")), "")
    file = file.removeprefix("b/")
    return {"id": mutant_id, "file": file, "line": changed_line(file, mutant_id, diff), "diff": diff}


def changed_line(file: str, mutant_id: str, diff: str) -> int | None:
    """The line of ``file`` that the mutant changes: mutmut's diff counts lines from the function's ``def``."""
    offset = 0
    for line in diff.splitlines():
        if line.startswith("@@"):
            offset = int(re.search(r"-(\d+)", line).group(1)) - 1
        elif line.startswith(("-", " ")) and not line.startswith("---"):
            offset += 1
            if line.startswith("-"):
                break
    # xǁClassǁmethod__mutmut_N or x_function__mutmut_N
    name = mutant_id.rsplit(".", 1)[-1].split("__mutmut_")[0]
    parts = [part for part in name.removeprefix("x_").split("\u01c1") if part and part != "x"]
    try:
        tree = ast.parse((ROOT / file).read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return None
    scope = tree.body
    node = None
    for part in parts:
        node = next((n for n in scope if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name == part), None)
        if node is None:
            return None
        scope = node.body
    if node is None:
        return None
    first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
    return first + offset - 1


def function_of(mutant_id: str) -> str:
    """The mutated function's mutmut name: the mutant's id without its ``__mutmut_N`` number."""
    return mutant_id.rsplit("__mutmut_", 1)[0]


def change_of(diff: str) -> str:
    """The removed and added lines of a ``mutmut show`` diff, each as ``- code`` / ``+ code`` (indentation stripped)."""
    return "\n".join(f"{line[0]} {line[1:].strip()}" for line in diff.splitlines()
                     if line[:1] in "+-" and not line.startswith(("+++", "---")))


def load_equivalents(path: Path = EQUIVALENTS) -> dict[tuple[str, str], str]:
    """(function, change) -> why no test can tell that mutant from the original. MutationError names a malformed
    entry or a repeated one."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise MutationError(f"{path}: {exc}") from None
    entries = {}
    for number, entry in enumerate(data.get("mutant", []), start=1):
        if set(entry) != {"function", "change", "reason"} or not all(isinstance(v, str) and v for v in entry.values()):
            raise MutationError(f"{path}: [[mutant]] #{number}: wants exactly a non-empty `function`, `change` and "
                                f"`reason`, got {sorted(entry)}")
        key = (entry["function"], entry["change"].strip())
        if key in entries:
            raise MutationError(f"{path}: [[mutant]] #{number}: {key[0]} with this change is listed twice")
        entries[key] = entry["reason"]
    return entries


def mutmut_version() -> str:
    """mutmut's installed version; the report's unit tests run where mutmut is not installed (tox -e selftest)."""
    try:
        return metadata.version("mutmut")
    except metadata.PackageNotFoundError:
        return "not installed"


def report(found: dict[str, str], equivalents: dict[tuple[str, str], str], seconds: float,
           max_equivalent: float = 1.0) -> tuple[dict, list[str]]:
    """The report, and its problems (unknown verdicts, equivalents entries that match no surviving mutant, more
    equivalents than ``max_equivalent`` of all mutants)."""
    problems = [f"mutant {m}: unknown mutmut verdict {v!r}" for m, v in found.items() if v not in KILLED | SURVIVED]
    survived = sorted(m for m, v in found.items() if v in SURVIVED)
    records = {m: survivor(m) for m in survived}  # one `mutmut show` per survivor
    keys = {m: (function_of(m), change_of(records[m]["diff"])) for m in survived}
    equivalent = [m for m in survived if keys[m] in equivalents]
    real = [m for m in survived if keys[m] not in equivalents]
    matched = {keys[m] for m in equivalent}
    problems += [f"spec/equivalent-mutants.toml lists {function} ({change.splitlines()[0] if change else ''}), which "
                 "matches no surviving mutant (killed, or the code changed)"
                 for function, change in equivalents if (function, change) not in matched]
    killed = sum(v in KILLED for v in found.values())
    judged = len(found) - len(equivalent)
    share = len(equivalent) / len(found) if found else 0.0
    if share > max_equivalent:
        problems.append(f"{len(equivalent)} of {len(found)} mutants ({share:.0%}) are listed as equivalent, more "
                        f"than {max_equivalent:.0%}: a reference that needs that many excuses cannot tell a defective "
                        "backend from a correct one; kill them with tests or take the code the contract does not need "
                        "out")
    return {
        "tool": "mutmut",
        "version": mutmut_version(),
        "mutants": len(found),
        "killed": killed,
        "survived": len(real),
        "equivalent": len(equivalent),
        "equivalent_share": round(share, 4),
        "score": round(killed / judged, 4) if judged else 0.0,
        "seconds": round(seconds, 1),
        "survivors": [records[m] for m in real],
        "equivalents": [{"id": m, "reason": equivalents[keys[m]]} for m in equivalent],
    }, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", action="store_true", help="run mutmut first, from a fresh mutants/ folder")
    parser.add_argument("--max-children", type=int, default=2, help="mutmut's parallel workers (default 2)")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "mutation.json")
    parser.add_argument("--target", type=float, default=0.95, help="the lowest passing score (default 0.95)")
    parser.add_argument("--max-equivalent", type=float, default=0.15,
                        help="the largest share of all mutants that may be listed as equivalent (default 0.15)")
    args = parser.parse_args(argv)
    try:
        equivalents = load_equivalents()
        started = time.monotonic()
        if args.run:
            shutil.rmtree(ROOT / "mutants", ignore_errors=True)
            mutmut("run", "--max-children", str(args.max_children))
        seconds = time.monotonic() - started
        if not args.run and args.out.exists():  # re-scored from mutmut's recorded results: keep the run's time
            seconds = json.loads(args.out.read_text(encoding="utf-8")).get("seconds", seconds)
        found = verdicts()
    except MutationError as exc:
        print(f"mutation: {exc}", file=sys.stderr)
        return 2
    if not found:
        print("mutation: mutmut recorded no mutant (run with --run)", file=sys.stderr)
        return 2
    data, problems = report(found, equivalents, seconds, args.max_equivalent)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"mutation score {data['score']:.3f}: {data['killed']} killed, {data['survived']} survived, "
          f"{data['equivalent']} equivalent ({data['equivalent_share']:.0%}), of {data['mutants']} mutants in "
          f"{data['seconds']} s -> {args.out}")
    for item in data["survivors"]:
        print(f"  SURVIVED {item['id']} ({item['file']}:{item['line']})")
    for problem in problems:
        print(f"  PROBLEM {problem}")
    return 0 if data["score"] >= args.target and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
