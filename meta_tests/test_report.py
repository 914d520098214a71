"""Results files, the reports made from them, and the regression diff."""

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from harness import diff, migration, report, results, verdicts
from meta_tests.samples import CONFORMANCE_TESTS
from spec import registry

SPEC = registry.load()
FRESH = CONFORMANCE_TESTS


def run(name, version, verdicts):
    """A synthetic results document: backend ``name`` with one result per (clause, verdict)."""
    runs = [{"backend": name, "target": name, "backend_version": version, "implementation": "x",
             "suite_version": "0", "hypothesis_profile": "default", "hypothesis_seed": None,
             "hypothesis_version": "6", "python": "3.11", "started": "now"}]
    records = [{"nodeid": f"tests/test_x.py::test_{i}[{name}]", "test": f"test_{i}", "backend": name,
                "clauses": [{"id": cid, "level": SPEC.clauses[cid].level, "api": "a", "group": "g"}],
                "verdict": verdict, "reason": None, "failed_clauses": [cid] if verdict in report.BAD else [],
                "exception": None, "message": "m" if verdict != "pass" else None, "snippet": "s < t",
                "counterexample": None, "duration": 0.1} for i, (cid, verdict) in enumerate(verdicts.items())]
    return results.document(SPEC, runs, records, [])


def test_a_real_results_file_matches_the_schema(suite, pytester):
    """pytest --results writes a file that validates against harness/results.schema.json."""
    outcome = suite.run("--results=out.json", "-k", "fresh or int64", files={"test_x.py": FRESH})
    outcome.assert_outcomes(passed=2)
    document = results.load(pytester.path / "out.json")
    assert {r["verdict"] for r in document["results"]} == {"pass"}
    assert document["runs"][0]["backend"] == "reference"
    assert document["results"][0]["clauses"][0]["level"] == "documented"


def test_a_failure_carries_message_snippet_and_clause(suite, pytester):
    """A contract failure is recorded with its message, its reproduction program and the failing clause."""
    suite.run("--results=out.json", "--backend=impls.mutants.int32_step:api", "-k", "int64",
              files={"test_x.py": FRESH})
    (failure,) = results.load(pytester.path / "out.json")["results"]
    assert failure["verdict"] == "fail"
    assert failure["failed_clauses"] == ["GS-CREATE-FRESH-INT64"]
    assert failure["message"].startswith("step.dtype.base_dtype=tf.int32, but should be tf.int64")
    assert failure["snippet"].splitlines()[1] == "from impls.mutants.int32_step import api as tf1"


def test_a_hanging_backend_is_an_error_not_a_stuck_run(suite, pytester):
    """With pytest-timeout, a backend call that never returns fails its test with verdict `error`."""
    outcome = suite.run("--results=out.json", "--timeout=2", "--backend=meta_tests.backends.hanging:api",
                        "-k", "int64", files={"test_x.py": FRESH}, subprocess=True)
    outcome.assert_outcomes(failed=1)
    (record,) = results.load(pytester.path / "out.json")["results"]
    assert record["verdict"] == "error"
    assert "Timeout" in record["message"]


def test_a_divergence_that_starts_passing_is_recorded_as_a_failure(suite, pytester):
    """XPASS(strict) of a known divergence is a `fail` in the results, saying so."""
    entry = '[[divergence]]\ntest = "test_fresh"\nclause = "GS-GET-NONE-FRESH"\nwhy = "documented-bug"\n' \
            'reason = "r"\nlink = "l"\nraises = "contract"\nmatch = "x"\n'
    suite.run("--results=out.json", "-k", "fresh", files={"test_x.py": FRESH}, divergences=entry)
    (record,) = results.load(pytester.path / "out.json")["results"]
    assert record["verdict"] == "fail"
    assert "XPASS(strict)" in record["message"]
    assert record["failed_clauses"] == ["GS-GET-NONE-FRESH"]


def test_a_file_that_breaks_the_schema_is_refused(tmp_path):
    """load() names the place that does not fit the schema."""
    document = run("b", "1", {"GS-GET-NONE-FRESH": "pass"})
    document["results"][0]["verdict"] = "great"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(document))
    with pytest.raises(ValueError, match=r"at results/0/verdict: 'great' is not one of"):
        results.load(path)


def test_merge_keeps_versions_of_one_backend_apart():
    """Two runs of `tensorflow` at different versions become tensorflow@2.15.1 and tensorflow@2.21.0."""
    merged = report.merge([run("tensorflow", "2.15.1", {"GS-GET-NONE-FRESH": "pass"}),
                           run("tensorflow", "2.21.0", {"GS-GET-NONE-FRESH": "fail"})])
    assert [r["backend"] for r in merged["runs"]] == ["tensorflow@2.15.1", "tensorflow@2.21.0"]
    assert report.clause_verdicts(merged)["tensorflow@2.21.0"]["GS-GET-NONE-FRESH"] == "fail"


def test_merge_refuses_different_spec_versions():
    """Runs of two spec versions cannot be put in one matrix."""
    other = run("b", "1", {})
    other["spec_version"] = "0.9.0"
    with pytest.raises(ValueError, match="different spec versions"):
        report.merge([run("a", "1", {}), other])


def test_a_clause_takes_the_worst_verdict_of_its_tests():
    """One failing test makes its clause fail, whatever the others did."""
    document = run("b", "1", {"GS-GET-NONE-FRESH": "pass"})
    document["results"] += run("b", "1", {"GS-GET-NONE-FRESH": "fail"})["results"]
    assert report.clause_verdicts(document)["b"]["GS-GET-NONE-FRESH"] == "fail"


def test_a_failure_that_names_no_clause_counts_against_all_of_its_tests_clauses():
    """A failing result with empty failed_clauses fails each clause its test checks, in the report and the diff."""
    old = run("b", "1", {"GS-GET-NONE-FRESH": "pass"})
    new = run("b", "1", {"GS-GET-NONE-FRESH": "fail"})
    new["results"][0]["failed_clauses"] = []
    assert report.clause_verdicts(new)["b"]["GS-GET-NONE-FRESH"] == "fail"
    assert [c["clause"] for c in diff.compare(old, new)["regressions"]] == ["GS-GET-NONE-FRESH"]
    assert not report.conforms(new)


def test_the_schema_lists_exactly_the_verdicts_of_harness_verdicts():
    """results.schema.json's verdict enum is harness.verdicts.NAMES (one place per concept)."""
    schema = json.loads(results.SCHEMA_FILE.read_text(encoding="utf-8"))
    enum = schema["properties"]["results"]["items"]["properties"]["verdict"]["enum"]
    assert sorted(enum) == sorted(verdicts.NAMES)


def test_the_schema_takes_exactly_the_surfaces_and_clause_ids_of_the_registry():
    """results.schema.json's surface enum and clause-id pattern are spec.registry's (one place per concept)."""
    schema = json.loads(results.SCHEMA_FILE.read_text(encoding="utf-8"))
    clauses = schema["properties"]["clauses"]
    assert clauses["propertyNames"]["pattern"] == registry.ID_PATTERN.pattern
    assert clauses["additionalProperties"]["properties"]["surface"]["enum"] == list(registry.SURFACES)


def test_markdown_has_a_summary_line_per_backend_and_the_matrix():
    """conformance.md: one summary row per backend (documented passed/total of its surfaces), then clause rows."""
    text = report.markdown(report.merge([run("good", "1", {"GS-GET-NONE-FRESH": "pass"}),
                                         run("bad", "2", {"GS-GET-NONE-FRESH": "fail"})]))
    # A run that names no surfaces is a v1 run (results files before spec 1.4.0): the counter clauses are n/a.
    documented = sum(c.level == "documented" and c.surface == "v1" for c in SPEC.clauses.values())
    assert f"| good | `good` 1 | 1/{documented} |" in text
    assert "| bad | `bad` 2 | 0/" in text
    assert "❌ 1 clause(s) broken" in text
    assert "| `GS-GET-NONE-FRESH` | documented | ✅ pass | ❌ fail |" in text


def test_the_migration_table_says_keeps_differs_and_n_a_with_the_reason():
    """harness.migration: a row per TF2 clause beside its v1 counterpart; a known divergence shows its reason."""
    counter = run("counter_only", "1", {"IT-CREATE-AT-ZERO": "pass", "IT-WIDTH-INT64": "xfail"})
    counter["runs"][0]["surfaces"] = {"counter": {"target": "k", "backend_version": "1", "implementation": "k"}}
    counter["results"][1]["reason"] = "by-design: int32 counter [a link]"
    v1_only = run("v1_only", "1", {"GS-GET-NONE-FRESH": "pass"})
    text = migration.markdown(report.merge([v1_only, counter]))
    assert "| `GS-CREATE-FRESH-ZERO` | `IT-CREATE-AT-ZERO` | documented | ✅ keeps |" in text
    assert "| `GS-CREATE-FRESH-INT64` | `IT-WIDTH-INT64` | observed | ⚠️ differs [1] |" in text
    assert "| `GS-EXAMPLE-SEED-PAGE` | `TF2-EXAMPLE-MIGRATED` | documented | ⬜ n/a |" in text
    assert "1. by-design: int32 counter\n" in text + "\n"  # the link is left to the report
    assert "v1_only" not in text  # a backend without a TF2 surface has no column
    page = report.html_page(report.merge([v1_only, counter]))
    assert '"columns": ["counter_only"]' in page
    assert 'id="migration-table"' in page


def test_a_surface_the_backend_lacks_is_not_applicable():
    """A counter-only backend: v1 clauses are n/a (not failed, not missing), and its run is conformant."""
    document = run("counter_only", "1", {"IT-CREATE-AT-ZERO": "pass"})
    document["runs"][0]["surfaces"] = {"counter": {"target": "k", "backend_version": "1", "implementation": "k"}}
    table = report.clause_verdicts(document)["counter_only"]
    assert {table[c.id] for c in SPEC.of_surface("v1")} == {"n/a"}
    assert table["IT-CREATE-AT-ZERO"] == "pass"
    (row,) = report.summary(document)
    assert row["conformant"]
    assert row["levels"]["documented"][1] == sum(c.level == "documented" for c in SPEC.of_surface("counter"))
    assert "| `GS-GET-NONE-FRESH` | documented | ⬜ n/a |" in report.markdown(document)


def test_junit_counts_failures_and_skips():
    """junit.xml has a testsuite per backend with the right counts, and clause properties."""
    document = run("b", "1", {"GS-GET-NONE-FRESH": "fail", "GS-GET-FINDS-STEP": "xfail",
                              "GS-CREATE-NEW": "error", "GS-CREATE-FRESH-NAME": "pass"})
    suite = ET.fromstring(report.junit(document).split("?>", 1)[1]).find("testsuite")
    counts = (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped"))
    assert counts == ("4", "1", "1", "1")
    assert suite.find("testcase/properties/property").get("name") == "clause"


def test_html_is_self_contained_and_escapes_its_data():
    """conformance.html loads nothing from the network, and data cannot close its script block."""
    document = run("b", "1", {"GS-GET-NONE-FRESH": "fail"})
    document["results"][0]["message"] = "</script><b>x</b>"
    page = report.html_page(document)
    assert "http://" not in page
    assert "https://" not in page.replace("https://json-schema.org", "")
    assert "</script><b>" not in page
    assert page.count("</script>") == 2


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium (apt install chromium)")
def test_html_renders_the_matrix_in_a_headless_browser(tmp_path):
    """In Chromium the page builds one row per clause, filters by verdict and opens a clause from the URL."""
    document = report.merge([run("good", "1", {"GS-GET-NONE-FRESH": "pass"}),
                             run("bad", "2", {"GS-GET-NONE-FRESH": "fail", "GS-CREATE-NEW": "pass"})])
    page = tmp_path / "conformance.html"
    page.write_text(report.html_page(document), encoding="utf-8")

    def dom(query: str) -> str:
        return subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", f"{page.as_uri()}{query}"],
            capture_output=True, text=True, timeout=120, check=True).stdout

    assert dom("").count('class="clause"') == len(SPEC.clauses)
    filtered = dom("?verdict=fail&open=GS-GET-NONE-FRESH")
    assert filtered.count('class="clause"') == 1
    assert "1 of " in filtered
    assert 'class="detail"' in filtered
    assert "s &lt; t" in filtered  # the snippet, escaped, inside the opened clause


def test_diff_finds_a_regression_and_a_fix():
    """pass -> fail is a regression, fail -> pass a fix; observed clauses are only informative."""
    old = run("tf", "2.15", {"GS-GET-NONE-FRESH": "pass", "GS-CREATE-NEW": "fail", "GS-GET-MULTIPLE-NONE": "pass"})
    new = run("tf", "2.21", {"GS-GET-NONE-FRESH": "fail", "GS-CREATE-NEW": "pass", "GS-GET-MULTIPLE-NONE": "fail"})
    changes = diff.compare(old, new)
    assert [c["clause"] for c in changes["regressions"]] == ["GS-GET-NONE-FRESH"]
    assert [c["clause"] for c in changes["fixes"]] == ["GS-CREATE-NEW"]
    assert [c["clause"] for c in changes["informative"]] == ["GS-GET-MULTIPLE-NONE"]


def test_diff_command_exit_codes(tmp_path):
    """The command exits 1 on a regression, 0 on identical runs, 2 on an unreadable file."""
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(run("b", "1", {"GS-GET-NONE-FRESH": "pass"})))
    new.write_text(json.dumps(run("b", "2", {"GS-GET-NONE-FRESH": "error"})))
    assert diff.main([str(old), str(new)]) == 1
    assert diff.main([str(old), str(old)]) == 0
    assert diff.main([str(old), str(tmp_path / "missing.json")]) == 2


def _with_coverage(document: dict) -> dict:
    """``document`` with what a reference run records: one parameter passed with a kind, the rest not."""
    return {**document, "api_coverage": {"format": 1, "calls": {"v1:train.get_global_step": 1},
                                         "seen": {"v1:train.get_global_step": {"graph": ["graph"]}},
                                         "unknown": {}, "absent": []}}


def test_markdown_shows_the_api_coverage_of_a_reference_run():
    """With api_coverage, the Markdown report gains the table: a drawn parameter with its kinds, and the gaps."""
    text = report.markdown(_with_coverage(run("reference", "1", {"GS-GET-NONE-FRESH": "pass"})))
    assert "API coverage" in text
    assert "| `v1:train.get_global_step` | `graph` (graph) |" in text
    assert "not drawn yet" in text


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium (apt install chromium)")
def test_html_renders_the_api_coverage_table_in_a_headless_browser(tmp_path):
    """In Chromium the page lists one row per parameter in scope, the drawn one with its kinds."""
    from spec import api

    page = tmp_path / "conformance.html"
    page.write_text(report.html_page(_with_coverage(run("reference", "1", {"GS-GET-NONE-FRESH": "pass"}))),
                    encoding="utf-8")
    dom = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True).stdout
    assert dom.count('class="coverage-') == len(api.parameters())
    assert dom.count('class="coverage-drawn"') == 1
