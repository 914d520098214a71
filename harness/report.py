"""Conformance reports from results files: Markdown, a self-contained HTML page, JUnit XML, merged JSON.

    python -m harness.report RESULTS.json [MORE.json ...] [--out reports]

writes ``results.json`` (the runs merged), ``conformance.md``, ``conformance.html`` and ``junit.xml`` into
``--out``, prints where they are, and exits 1 when any test failed, crashed, lacked an API name or broke, or
a run had a problem (a clause without a test, a stale divergence entry); otherwise 0.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from harness import (
    apicoverage,
    migration,  # the migration table; it reads clause_verdicts from here
    verdicts,
)
from harness import results as results_module

BAD = verdicts.BAD
TEMPLATE = Path(__file__).with_name("report_template.html")


# -- reading and merging ----------------------------------------------------------------------------------
def merge(documents: list[dict]) -> dict:
    """One document with every run; backends named alike but of different versions get `@version`."""
    specs = {d["spec_version"] for d in documents}
    if len(specs) != 1:
        raise ValueError(f"cannot merge runs of different spec versions: {', '.join(sorted(specs))}")
    merged = {**documents[0], "runs": [], "results": [], "problems": []}
    versions: dict[str, set[str]] = {}
    for document in documents:
        for run in document["runs"]:
            versions.setdefault(run["backend"], set()).add(run["backend_version"])
    for document in documents:
        rename = {run["backend"]: f"{run['backend']}@{run['backend_version']}" for run in document["runs"]
                  if len(versions[run["backend"]]) > 1}
        merged["runs"] += [{**run, "backend": rename.get(run["backend"], run["backend"])} for run in document["runs"]]
        merged["results"] += [{**r, "backend": rename.get(r["backend"], r["backend"])} for r in document["results"]]
        merged["problems"] += document["problems"]
    recorded = [document["api_coverage"] for document in documents if "api_coverage" in document]
    merged.pop("api_coverage", None)
    if recorded:
        merged["api_coverage"] = apicoverage.merge(recorded)
    return merged


def clause_verdicts(document: dict) -> dict[str, dict[str, str]]:
    """Backend -> clause id -> the worst verdict among the tests of that clause.

    A failing test counts against the clauses it was checking when it failed, and says nothing about its
    other clauses (the stateful test checks many). A failure that names no clause counts against all of its
    test's clauses: a failure never disappears from a verdict.
    """
    table: dict[str, dict[str, str]] = {run["backend"]: {} for run in document["runs"]}
    for run in document["runs"]:  # a surface the backend does not provide: its clauses are not applicable
        provided = set(run.get("surfaces", {"v1": None}))
        table[run["backend"]].update({cid: "n/a" for cid, clause in document["clauses"].items()
                                      if clause.get("surface", "v1") not in provided})
    for result in document["results"]:
        if result["backend"] is None:
            continue
        ids = [c["id"] for c in result["clauses"]]
        if result["verdict"] in BAD and result["failed_clauses"]:
            ids = result["failed_clauses"]
        row = table.setdefault(result["backend"], {})
        for clause_id in ids:
            row[clause_id] = verdicts.worst(row.get(clause_id, "pass"), result["verdict"])
    return table


def summary(document: dict) -> list[dict]:
    """Per backend: counts by level, known divergences, failures, and whether it conforms."""
    table = clause_verdicts(document)
    rows = []
    for run in document["runs"]:
        verdicts = table.get(run["backend"], {})
        row = {"run": run, "levels": {}, "known": 0, "bad": 0}
        for level in ("documented", "de-facto", "observed"):
            ids = [cid for cid, c in document["clauses"].items() if c["level"] == level and verdicts.get(cid) != "n/a"]
            passed = sum(verdicts.get(cid) == "pass" for cid in ids)
            row["levels"][level] = (passed, len(ids))
            if level != "observed":
                row["known"] += sum(verdicts.get(cid) == "xfail" for cid in ids)
                row["bad"] += sum(verdicts.get(cid) in BAD for cid in ids)
        untested = [cid for cid in document["clauses"] if cid not in verdicts]
        row["untested"] = len(untested)
        row["conformant"] = row["bad"] == 0 and not document["problems"]
        rows.append(row)
    return rows


# -- Markdown -----------------------------------------------------------------------------------------------
def markdown(document: dict) -> str:
    table = clause_verdicts(document)
    backends = [run["backend"] for run in document["runs"]]
    lines = [f"### Global-step conformance: spec {document['spec_version']}, "
             f"suite {document['suite']['version']}", "",
             "| backend | version | documented | de-facto | observed (informative) | verdict |",
             "|---|---|---|---|---|---|"]
    for row in summary(document):
        run = row["run"]
        cells = [f"{row['levels'][level][0]}/{row['levels'][level][1]}" for level in ("documented", "de-facto",
                                                                                        "observed")]
        verdict = "✅ conformant" if row["conformant"] else f"❌ {row['bad']} clause(s) broken"
        if row["known"]:
            verdict += f", {row['known']} known divergence(s)"
        lines.append(f"| {run['backend']} | `{run['target']}` {run['backend_version']} | {' | '.join(cells)} | "
                     f"{verdict} |")
    lines += ["", "<details><summary>Clause by clause</summary>", "",
              "| clause | level | " + " | ".join(backends) + " |", "|---|---|" + "---|" * len(backends)]
    for clause_id, clause in document["clauses"].items():
        cells = [verdicts.symbol(table.get(b, {}).get(clause_id)) for b in backends]
        lines.append(f"| `{clause_id}` | {clause['level']} | " + " | ".join(cells) + " |")
    lines += ["", "</details>"]
    if migration.columns(document):
        lines += ["", "#### Migration: which v1 semantics each TF2 replacement keeps", "", migration.markdown(document)]
    if "api_coverage" in document:
        lines += ["", "<details><summary>API coverage: which parameters the tests passed (measured on the reference)"
                      "</summary>", "", apicoverage.markdown(document["api_coverage"]), "", "</details>"]
    failures = failing(document)
    if failures:
        lines += ["", f"#### Failures ({len(failures)})"]
        for result in failures[:50]:
            lines += ["", f"**{result['verdict']}** `{result['nodeid']}`", "", f"    {result['message']}"]
            if result["snippet"]:
                lines += ["", "```python", result["snippet"], "```"]
        if len(failures) > 50:
            lines.append(f"\n... and {len(failures) - 50} more in results.json")
    if document["problems"]:
        lines += ["", "#### Run problems", ""] + [f"- {problem}" for problem in document["problems"]]
    return "\n".join(lines) + "\n"


# -- HTML ---------------------------------------------------------------------------------------------------
def html_page(document: dict) -> str:
    """One self-contained page (no network): the data is embedded, rendering is plain JavaScript."""
    data = {"document": document, "verdicts": clause_verdicts(document),
            "labels": {v.name: v.label for v in reversed(verdicts.ALL)},
            "summary": [{"backend": r["run"]["backend"], "target": r["run"]["target"],
                         "version": r["run"]["backend_version"], "levels": r["levels"], "known": r["known"],
                         "bad": r["bad"], "conformant": r["conformant"]} for r in summary(document)],
            "migration": {"columns": migration.columns(document), "rows": migration.rows(document)},
            "coverage": _coverage_rows(document)}
    payload = json.dumps(data).replace("</", "<\\/")  # no "</script>" can end the data block early
    title = html.escape(f"Global-step conformance, spec {document['spec_version']}")
    return TEMPLATE.read_text(encoding="utf-8").replace("{{title}}", title).replace("{{data}}", payload)


def _coverage_rows(document: dict) -> list[dict]:
    """The API coverage table's rows for the HTML page (empty when the reference did not run)."""
    if "api_coverage" not in document:
        return []
    rows = apicoverage.judge(document["api_coverage"], apicoverage.load_rules())
    return [{"api": r.key, "parameter": r.name, "verdict": r.verdict, "kinds": list(r.kinds),
             "missing": list(r.missing_kinds), "note": r.note} for r in rows]


# -- JUnit XML ----------------------------------------------------------------------------------------------
def junit(document: dict) -> str:
    suites = ET.Element("testsuites", name="global-step-conformance")
    for run in document["runs"]:
        mine = [r for r in document["results"] if r["backend"] == run["backend"]]
        suite = ET.SubElement(suites, "testsuite", name=f"{run['backend']} {run['backend_version']}",
                              tests=str(len(mine)),
                              failures=str(sum(_element(r) == "failure" for r in mine)),
                              errors=str(sum(_element(r) == "error" for r in mine)),
                              skipped=str(sum(_element(r) == "skipped" for r in mine)))
        for result in mine:
            path, _, name = result["nodeid"].partition("::")
            case = ET.SubElement(suite, "testcase", classname=path.removesuffix(".py").replace("/", "."),
                                 name=name, time=str(result["duration"]))
            ET.SubElement(case, "properties").extend(
                ET.Element("property", name="clause", value=c["id"]) for c in result["clauses"])
            body = "\n\n".join(x for x in (result["message"], result["snippet"], result["counterexample"]) if x)
            element = _element(result)
            if element == "skipped":
                ET.SubElement(case, element, message=f"{result['verdict']}: {result['reason'] or ''}")
            elif element:
                kind = result["exception"] or ("ConformanceFailure" if element == "failure" else "")
                ET.SubElement(case, element, message=result["message"] or "", type=kind).text = body
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _element(result: dict) -> str | None:
    return verdicts.BY_NAME[result["verdict"]].junit


# -- command line -------------------------------------------------------------------------------------------
def failing(document: dict) -> list[dict]:
    """The results that make a run non-conformant: failed, crashed, missing an API name, or broken."""
    return [r for r in document["results"] if r["verdict"] in BAD]


def conforms(document: dict) -> bool:
    """No failing result and no run problem (known divergences and informative clauses are allowed)."""
    return not failing(document) and not document["problems"]


def write_all(document: dict, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    files = {"results.json": json.dumps(document, indent=1), "conformance.md": markdown(document),
             "conformance.html": html_page(document), "junit.xml": junit(document)}
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    return [out / name for name in files]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harness.report", description=__doc__.splitlines()[0])
    parser.add_argument("results", nargs="+", type=Path, help="results files written by pytest --results=FILE")
    parser.add_argument("--out", type=Path, default=Path("reports"), help="folder for the reports (default: reports)")
    args = parser.parse_args(argv)
    try:
        document = merge([results_module.load(path) for path in args.results])
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in write_all(document, args.out):
        print(f"wrote {path}")
    print(markdown(document).split("\n<details>")[0])
    return 0 if conforms(document) else 1


if __name__ == "__main__":
    sys.exit(main())
