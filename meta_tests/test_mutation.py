"""harness/mutation.py: the score, the equivalents file and its errors (without running mutmut)."""

import pytest

from harness import mutation

DIFFS = {"a": "-    x = 1\n+    x = 2", "d": "-    y = 1\n+    y = 2", "e": "-    log(msg)\n+    log(None)"}


def _survivor(mutant_id):
    return {"id": mutant_id, "file": "f.py", "line": 1, "diff": DIFFS.get(mutant_id, "")}


def test_score_counts_equivalents_out_of_the_denominator(monkeypatch):
    """score = killed / (mutants - equivalent); listed survivors are equivalents, the others survivors."""
    monkeypatch.setattr(mutation, "survivor", _survivor)
    found = {"a": "killed", "b": "killed", "c": "timeout", "d": "survived", "e": "survived"}
    data, problems = mutation.report(found, {("e", "- log(msg)\n+ log(None)"): "formats a message"}, 1.0)
    assert (data["mutants"], data["killed"], data["survived"], data["equivalent"]) == (5, 3, 1, 1)
    assert data["score"] == 0.75
    assert [s["id"] for s in data["survivors"]] == ["d"]
    assert data["equivalents"] == [{"id": "e", "reason": "formats a message"}]
    assert problems == []


def test_an_equivalent_is_matched_by_its_change_not_its_number(monkeypatch):
    """mutmut renumbers a function's mutants when it gains one: the entry still finds its mutant by the change."""
    monkeypatch.setattr(mutation, "survivor", _survivor)
    monkeypatch.setitem(DIFFS, "pkg.x_f__mutmut_7", "-    y = 1\n+    y = 2")
    data, problems = mutation.report({"pkg.x_f__mutmut_7": "survived"}, {("pkg.x_f", "- y = 1\n+ y = 2"): "r"}, 0.0)
    assert (data["equivalent"], data["survived"], problems) == (1, 0, [])


def test_an_equivalent_that_was_killed_or_is_gone_is_a_problem(monkeypatch):
    """An equivalents entry must match a surviving mutant: one whose mutant was killed or whose code changed is
    reported."""
    monkeypatch.setattr(mutation, "survivor", _survivor)
    _, problems = mutation.report({"a": "killed"}, {("a", "- x = 1\n+ x = 2"): "x", ("zz", "- q\n+ r"): "y"}, 0.0)
    assert problems == [
        "spec/equivalent-mutants.toml lists a (- x = 1), which matches no surviving mutant (killed, or the code "
        "changed)",
        "spec/equivalent-mutants.toml lists zz (- q), which matches no surviving mutant (killed, or the code changed)"]


def test_more_equivalents_than_allowed_is_a_problem(monkeypatch):
    """Listing more than max_equivalent of all mutants as equivalent fails the run, however high the score."""
    monkeypatch.setattr(mutation, "survivor", _survivor)
    found = {"a": "killed", "b": "killed", "c": "killed", "e": "survived"}
    listed = {("e", "- log(msg)\n+ log(None)"): "formats a message"}
    data, problems = mutation.report(found, listed, 0.0, max_equivalent=0.2)
    assert (data["score"], data["equivalent_share"]) == (1.0, 0.25)
    assert problems == ["1 of 4 mutants (25%) are listed as equivalent, more than 20%: a reference that needs that "
                        "many excuses cannot tell a defective backend from a correct one; kill them with tests or "
                        "take the code the contract does not need out"]
    assert mutation.report(found, listed, 0.0, max_equivalent=0.25)[1] == []


def test_an_unknown_verdict_is_a_problem(monkeypatch):
    """A mutmut verdict this module does not know is reported, not silently counted."""
    _, problems = mutation.report({"a": "mystery"}, {}, 0.0)
    assert problems == ["mutant a: unknown mutmut verdict 'mystery'"]


def test_the_change_is_the_diffs_changed_lines_without_indentation():
    """change_of keeps only the removed and added lines, each as '- code' / '+ code'."""
    diff = "--- a/f.py\n+++ b/f.py\n@@ -1,3 +1,3 @@\n def f():\n-    return 1\n+    return 2\n"
    assert mutation.change_of(diff) == "- return 1\n+ return 2"
    assert mutation.function_of("impls.reference.train.xǁOptimizerǁminimize__mutmut_12") == \
        "impls.reference.train.xǁOptimizerǁminimize"


@pytest.mark.parametrize(("text", "complaint"), [
    ('[[mutant]]\nfunction = "a"\nreason = "r"\n', "wants exactly a non-empty `function`, `change` and `reason`"),
    ('[[mutant]]\nfunction = "a"\nchange = "- x"\nreason = ""\n', "wants exactly a non-empty"),
    ('[[mutant]]\nid = "a"\nreason = "r"\n', "wants exactly a non-empty"),
    ('[[mutant]]\nfunction = "a"\nchange = "- x"\nreason = "r"\n' * 2, "listed twice"),
    ("[[mutant]\n", "equivalents.toml"),
])
def test_a_malformed_equivalents_file_names_the_problem(tmp_path, text, complaint):
    """A bad or repeated entry, or bad TOML, stops with the file and what is wrong."""
    path = tmp_path / "equivalents.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(mutation.MutationError, match=r"equivalents\.toml") as raised:
        mutation.load_equivalents(path)
    assert complaint in str(raised.value)


def test_the_shipped_equivalents_file_loads_and_gives_reasons():
    """spec/equivalent-mutants.toml parses, and every entry has a reason of its own words."""
    entries = mutation.load_equivalents()
    assert entries, "no entries: the file is empty or missing"
    assert all(len(reason) > 40 for reason in entries.values())


def test_the_changed_line_is_counted_from_the_function():
    """A mutant's line is its function's first line plus the diff's offset."""
    diff = ("--- impls/reference/train.py\n+++ impls/reference/train.py\n@@ -1,3 +1,3 @@\n"
            " def get_or_create_global_step(graph=None):\n-    x\n+    y\n")
    mutant = "impls.reference.train.x_get_or_create_global_step__mutmut_1"
    line = mutation.changed_line("impls/reference/train.py", mutant, diff)
    source = (mutation.ROOT / "impls/reference/train.py").read_text(encoding="utf-8").splitlines()
    assert source[line - 2].startswith("def get_or_create_global_step")
