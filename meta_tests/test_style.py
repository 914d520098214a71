"""The conformance tests follow the suite's style rules (see README): checked, not hoped for."""

import ast
from pathlib import Path

import pytest

TESTS = sorted((Path(__file__).resolve().parent.parent / "tests").glob("test_*.py"))


def _test_functions():
    for path in TESTS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                yield path.name, node


CASES = list(_test_functions())


def test_there_are_tests_to_check():
    """The style checks below see the conformance tests (guards against an empty glob)."""
    assert len(CASES) >= 40


@pytest.mark.parametrize(("module", "node"), CASES, ids=[f"{m}::{n.name}" for m, n in CASES])
def test_docstring_is_one_present_tense_line(module, node):
    """Each test has a one-line docstring of at most 100 characters, without 'should' or 'test that'."""
    doc = ast.get_docstring(node)
    assert doc, f"{module}::{node.name} has no docstring"
    assert "\n" not in doc, f"{module}::{node.name}: docstring is more than one line"
    assert len(doc) <= 100, f"{module}::{node.name}: docstring is {len(doc)} characters long"
    hint = f"{module}::{node.name}: state the behaviour ('X returns Y'), not an intention: {doc!r}"
    assert "should" not in doc.lower(), hint
    assert not doc.lower().startswith("test"), hint


@pytest.mark.parametrize(("module", "node"), CASES, ids=[f"{m}::{n.name}" for m, n in CASES])
def test_names_are_behavioural(module, node):
    """Test names are sentences of several words, not test_1 or test_get."""
    assert node.name.count("_") >= 3, f"{module}::{node.name}: name the behaviour, e.g. test_second_create_raises"
