"""The TensorFlow-version regression report: one summary row per release and the diff between neighbours.

    tox -m versions                          # the suite on 2.12 to 2.21: docs/tf-versions/tensorflow-*.json,
                                             # and each release's API in scope: docs/tf-versions/api-*.json
    python -m harness.versions [--write]     # print it; --write also puts it, and the newest release's
                                             # Markdown report, in README.md
    python -m harness.versions --signatures  # how the API in scope moved from release to release

Reads every ``docs/tf-versions/tensorflow-*.json`` (results files), oldest release first.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from packaging.version import Version

from harness import diff, report
from harness import results as results_module

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "docs" / "tf-versions"
BLOCKS = {"tf-versions": "the version report", "tf-report": "the report of the newest release"}


def load_all(folder: Path = FOLDER) -> list[dict]:
    documents = [results_module.load(path) for path in folder.glob("tensorflow-*.json")]
    return sorted(documents, key=lambda d: Version(d["runs"][0]["backend_version"]))


def block(documents: list[dict]) -> str:
    lines = ["| TensorFlow | suite | spec | documented | de-facto | observed | known divergences |",
             "|---|---|---|---|---|---|---|"]
    for document in documents:
        (row,) = [r for r in report.summary(document) if r["run"]["backend"] == "tensorflow"]
        levels = [f"{row['levels'][level][0]}/{row['levels'][level][1]}" for level in ("documented", "de-facto",
                                                                                        "observed")]
        lines.append(f"| {row['run']['backend_version']} | {document['suite']['version']} | "
                     f"{document['spec_version']} | {' | '.join(levels)} | {row['known']} |")
    for old, new in itertools.pairwise(documents):
        changes = diff.compare(old, new)
        names = f"{old['runs'][0]['backend_version']} → {new['runs'][0]['backend_version']}"
        if not any(changes.values()):
            lines += ["", f"**{names}**: no clause changed verdict."]
            continue
        lines += ["", f"**{names}**:"]
        lines += [f"- {kind}: `{c['clause']}` {c['was'] or 'not run'} → {c['now'] or 'not run'}"
                  for kind, found in changes.items() for c in found]
    return "\n".join(lines)


def read_block(text: str, name: str) -> str:
    """The part of ``text`` between <!-- name:start --> and <!-- name:end -->, stripped."""
    return text.partition(f"<!-- {name}:start -->")[2].partition(f"<!-- {name}:end -->")[0].strip()


def replace_block(text: str, name: str, body: str) -> str:
    """``text`` with the part between <!-- name:start --> and <!-- name:end --> replaced by ``body``."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    head, found, rest = text.partition(start)
    if not found:
        raise ValueError(f"README.md has no {start} marker")
    return f"{head}{start}\n{body}\n{end}{rest.partition(end)[2]}"


def blocks(documents: list[dict]) -> dict[str, str]:
    """The README blocks: the version report, and the Markdown report of the newest release."""
    newest = report.markdown(documents[-1]).split("\n#### Failures")[0].strip()
    return {"tf-versions": block(documents), "tf-report": newest}


def signature_changes(folder: Path = FOLDER) -> list[str]:
    """For each pair of neighbouring releases with an ``api-<release>.json`` (python -m spec.api --dump), what
    moved in the API in scope: an API or a parameter added, removed or changed."""
    import json

    from spec import api

    dumps = sorted(folder.glob("api-*.json"), key=lambda path: Version(path.stem.removeprefix("api-")))
    documents = [(path.stem.removeprefix("api-"), json.loads(path.read_text(encoding="utf-8"))) for path in dumps]
    lines = []
    for (old_name, old), (new_name, new) in itertools.pairwise(documents):
        moved = api.differences(old, new)
        lines.append(f"{old_name} -> {new_name}: " + ("nothing moved" if not moved else f"{len(moved)} change(s)"))
        lines += [f"  {line}" for line in moved]
    return lines or [f"no two releases recorded in {folder} (tox -m versions writes api-<release>.json)"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harness.versions", description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update both blocks in README.md")
    parser.add_argument("--signatures", action="store_true",
                        help="print how the API in scope (spec/api.json) moved between the recorded releases")
    args = parser.parse_args(argv)
    if args.signatures:
        print("\n".join(signature_changes()))
        return 0
    found = blocks(load_all())
    print(found["tf-versions"])
    if args.write:
        readme = ROOT / "README.md"
        text = readme.read_text(encoding="utf-8")
        for name, body in found.items():
            text = replace_block(text, name, body)
        readme.write_text(text, encoding="utf-8")
        print(f"wrote {', '.join(BLOCKS.values())} to README.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
