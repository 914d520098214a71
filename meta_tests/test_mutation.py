"""harness/mutation.py: the score, the equivalents file and its errors (without running mutmut)."""

import pytest

from harness import mutation


def test_score_counts_equivalents_out_of_the_denominator(monkeypatch):
    """score = killed / (mutants - equivalent); listed survivors are equivalents, the others survivors."""
    monkeypatch.setattr(mutation, "survivor", lambda m: {"id": m, "file": "f.py", "line": 1, "diff": ""})
    found = {"a": "killed", "b": "killed", "c": "timeout", "d": "survived", "e": "survived"}
    data, problems = mutation.report(found, {"e": "formats a message"}, 1.0)
    assert (data["mutants"], data["killed"], data["survived"], data["equivalent"]) == (5, 3, 1, 1)
    assert data["score"] == 0.75
    assert [s["id"] for s in data["survivors"]] == ["d"]
    assert problems == []


def test_an_equivalent_that_was_killed_or_is_gone_is_a_problem(monkeypatch):
    """An equivalents entry must name a surviving mutant: a killed or unknown one is reported."""
    monkeypatch.setattr(mutation, "survivor", lambda m: {"id": m, "file": "f.py", "line": 1, "diff": ""})
    _, problems = mutation.report({"a": "killed"}, {"a": "x", "zz": "y"}, 0.0)
    assert problems == ["spec/equivalent-mutants.toml lists a, which was killed",
                        "spec/equivalent-mutants.toml lists zz, which does not exist"]


def test_an_unknown_verdict_is_a_problem(monkeypatch):
    """A mutmut verdict this module does not know is reported, not silently counted."""
    _, problems = mutation.report({"a": "mystery"}, {}, 0.0)
    assert problems == ["mutant a: unknown mutmut verdict 'mystery'"]


@pytest.mark.parametrize(("text", "complaint"), [
    ('[[mutant]]\nid = "a"\n', "wants exactly a non-empty `id` and `reason`"),
    ('[[mutant]]\nid = "a"\nreason = ""\n', "wants exactly a non-empty `id` and `reason`"),
    ("[[mutant]\n", "equivalents.toml"),
])
def test_a_malformed_equivalents_file_names_the_problem(tmp_path, text, complaint):
    """A bad entry or bad TOML stops with the file and what is wrong."""
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
