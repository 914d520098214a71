"""The migration table: which v1 step semantics each TF2 replacement keeps, backend by backend.

    tox -m migration                          # each step-counter backend once: docs/migration/<backend>.json
    python -m harness.migration [--write]     # print the table; --write also puts it in README.md

Rows are the clauses of the TF2 surfaces (``counter``: a Keras optimizer's ``iterations``; ``tf2``: TensorFlow 2's
own API) with the v1 clause each carries over (``counterpart``), then those with no v1 counterpart. Columns are
the backends that provide either surface. A cell says whether the replacement keeps the v1 semantics there:
``keeps``, ``differs`` (with the recorded reason of a known divergence, or the failure), ``n/a`` (the backend
does not provide that surface), or what went wrong (a crash, a missing API). The HTML and Markdown reports show
the same table for the backends of their run (harness/report.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from harness import report, verdicts
from harness import results as results_module

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "docs" / "migration"
SURFACES = ("counter", "tf2")
BLOCK = "migration"
#: Each verdict as a migrator reads it: does the replacement keep the v1 semantics on that backend?
CELLS = {"pass": "keeps", "xfail": "differs", "fail": "differs", "error": "crashes", "missing": "missing API",
         "broken": "suite error", "skip": "skipped", "n/a": "n/a", None: "not run"}


def columns(document: dict) -> list[str]:
    """The backends of the document that provide a TF2 surface, in run order."""
    return [run["backend"] for run in document["runs"] if set(run.get("surfaces", {})) & set(SURFACES)]


def rows(document: dict) -> list[dict]:
    """One row per TF2 clause: its id, level, counterpart and per backend ``{"verdict", "cell", "why"}``."""
    table = report.clause_verdicts(document)
    order = {cid: n for n, cid in enumerate(document["clauses"])}
    clauses = [(cid, c) for cid, c in document["clauses"].items() if c.get("surface") in SURFACES]
    clauses.sort(key=lambda item: (item[1].get("counterpart") is None,
                                   order.get(item[1].get("counterpart"), 0), order[item[0]]))
    backends = columns(document)
    out = []
    for clause_id, clause in clauses:
        cells = {}
        for backend in backends:
            verdict = table.get(backend, {}).get(clause_id)
            cells[backend] = {"verdict": verdict, "cell": CELLS.get(verdict, verdict),
                              "why": _why(document, backend, clause_id, verdict)}
        out.append({"clause": clause_id, "level": clause["level"], "counterpart": clause.get("counterpart"),
                    "surface": clause["surface"], "text": clause["text"], "cells": cells})
    return out


def _why(document: dict, backend: str, clause_id: str, verdict: str | None) -> str | None:
    """The recorded reason of a known divergence, or the first line of the failure, for a cell that differs."""
    if verdict in (None, "pass", "n/a"):
        return None
    for result in document["results"]:
        if (result["backend"] == backend and result["verdict"] == verdict
                and clause_id in (result["failed_clauses"] or [c["id"] for c in result["clauses"]])):
            if result.get("reason"):  # a known divergence: its recorded reason, without the [link] at its end
                text = result["reason"]
                return text.rsplit(" [", 1)[0] if text.endswith("]") else text
            return (result.get("message") or "").split("\n")[0][:300] or None  # a failure: its first line
    return None


def markdown(document: dict) -> str:
    """The table, with each reason as a numbered note below it (reasons are too long for a cell)."""
    backends = columns(document)
    if not backends:
        return ""
    versions = {run["backend"]: run["backend_version"] for run in document["runs"]}
    lines = ["| v1 clause | TF2 clause | level | " + " | ".join(f"{b} {versions[b]}" for b in backends) + " |",
             "|---|---|---|" + "---|" * len(backends)]
    notes: list[str] = []
    for row in rows(document):
        cells = []
        for backend in backends:
            cell = row["cells"][backend]
            text = f"{verdicts.symbol(cell['verdict']).split(' ')[0]} {cell['cell']}"
            if cell["why"]:
                if cell["why"] not in notes:
                    notes.append(cell["why"])
                text += f" [{notes.index(cell['why']) + 1}]"
            cells.append(text)
        counterpart = f"`{row['counterpart']}`" if row["counterpart"] else "(none)"
        lines.append(f"| {counterpart} | `{row['clause']}` | {row['level']} | " + " | ".join(cells) + " |")
    lines += [""] + [f"{n}. {note.replace('|', '/')}" for n, note in enumerate(notes, start=1)]
    return "\n".join(lines).rstrip() + "\n"


#: Column order: the reference, TensorFlow, then Keras 3 on each framework; other files after, by name.
ORDER = ("reference", "tensorflow", "tf-keras", "keras-tensorflow", "keras-jax", "keras-torch", "keras-numpy", "optax",
         "flax-nnx")


def load_all(folder: Path = FOLDER) -> dict:
    """Every results file of ``folder``, merged in ORDER."""
    paths = sorted(folder.glob("*.json"), key=lambda path: (ORDER.index(path.stem) if path.stem in ORDER
                                                           else len(ORDER), path.stem))
    documents = [results_module.load(path) for path in paths]
    if not documents:
        raise FileNotFoundError(f"no results files in {folder}: run `tox -m migration` first")
    return report.merge(documents)


def main(argv: list[str] | None = None) -> int:
    from harness.versions import replace_block

    parser = argparse.ArgumentParser(prog="python -m harness.migration", description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update the migration block in README.md")
    args = parser.parse_args(argv)
    try:
        table = markdown(load_all())
    except (FileNotFoundError, ValueError) as exc:
        parser.exit(2, f"python -m harness.migration: error: {exc}\n")
    print(table)
    if args.write:
        readme = ROOT / "README.md"
        readme.write_text(replace_block(readme.read_text(encoding="utf-8"), BLOCK, table.strip()), encoding="utf-8")
        print("wrote the migration table to README.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
