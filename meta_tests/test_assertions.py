"""The assertion helpers and the Program: the code that writes every failure message."""

import pytest

from harness import assertions as ah
from harness.backends import load
from harness.outcomes import BackendCrash, ConformanceFailure, MissingAPI, checking
from harness.program import Program


@pytest.fixture
def p():
    return Program(load("reference")[0])  # its v1 surface


def test_message_names_call_values_backend_and_clause(p):
    """A failure names the expression, both values, the call, the backend and the clause."""
    with p.default(p.call("Graph", as_="g")):
        step = p.call("train.get_or_create_global_step", as_="step")
        with checking("GS-CREATE-FRESH-NAME"), pytest.raises(ConformanceFailure) as info:
            ah.assert_equal(p, "step.name", step.name, "other:0")
    first = str(info.value).splitlines()[0]
    assert first == ("step.name='global_step:0', but should be 'other:0' [tf1.train.get_or_create_global_step()] "
                     "{backend=reference, clause=GS-CREATE-FRESH-NAME}")


def test_message_ends_with_a_program_that_reproduces_it(p):
    """The snippet is runnable Python that ends in the failing check."""
    g = p.call("Graph", as_="g")
    with p.default(g):
        step = p.call("train.get_or_create_global_step", as_="step")
    with pytest.raises(ConformanceFailure) as info:
        ah.assert_is(p, "step.graph", step.graph, p.call("Graph", as_="h"))
    snippet = str(info.value).split("Reproduce with:\n")[1]
    code = "\n".join(line[4:] for line in snippet.splitlines())
    assert code.splitlines()[1] == "import impls.reference as tf1"
    with pytest.raises(AssertionError):  # the snippet fails on its own, the same way
        exec(compile(code, "<snippet>", "exec"), {})


@pytest.mark.parametrize(("helper", "args"), [
    (ah.assert_equal, ("x", 1, 2)),
    (ah.assert_is, ("x", object(), object())),
    (ah.assert_none, ("x", 0)),
    (ah.assert_member, ("x", object(), "xs", [object()])),
], ids=["equal", "is", "none", "member"])
def test_each_helper_fails_on_a_broken_expectation(p, helper, args):
    """Every helper raises ConformanceFailure when its condition is false."""
    p.bind("x", args[1])  # the program defines the names the check reads
    p.bind("expected", args[2] if len(args) > 2 else None)
    if len(args) > 3:
        p.bind("xs", args[3])
    with pytest.raises(ConformanceFailure, match="but should be"):
        helper(p, *args)


def test_an_object_from_a_graph_the_program_never_made_is_noted():
    """A backend that returns an object of an earlier test's graph gets a note in the snippet: alone, the program
    may not reproduce what follows."""
    (backend,) = load("impls.mutants.one_step_for_all_graphs:api")  # one step, in the first graph ever used
    for _ in range(2):
        p = Program(backend)
        with p.default(p.call("Graph", as_="g")):
            p.call("train.get_or_create_global_step", as_="step")
    assert p.snippet().splitlines()[2].startswith("    # Note: step belongs to a graph this program never made")


def test_an_object_of_the_programs_own_graph_gets_no_note(p):
    """The note is only for foreign graphs."""
    with p.default(p.call("Graph", as_="g")):
        p.call("train.get_or_create_global_step", as_="step")
    assert "# Note" not in p.snippet()


def test_a_check_over_names_the_program_lacks_is_a_suite_defect(p):
    """A reproduction whose last line reads an undefined name would not run: the test is broken, not the backend."""
    with pytest.raises(RuntimeError, match=r"suite defect: .* uses undefined_thing"):
        ah.assert_equal(p, "undefined_thing", 1, 2)


@pytest.mark.parametrize(("helper", "args"), [
    (ah.assert_equal, ("x", 1, 1)),
    (ah.assert_is_not, ("x", object(), object())),
    (ah.assert_none, ("x", None)),
    (ah.assert_member, ("x", 3, "xs", [1, 2], False)),
], ids=["equal", "is-not", "none", "not-member"])
def test_each_helper_passes_a_kept_expectation(p, helper, args):
    """Every helper returns quietly when its condition is true."""
    assert helper(p, *args) is None


def test_membership_is_by_identity(p):
    """assert_member never calls ==, which TensorFlow variables overload."""
    class NoEq:
        def __eq__(self, other):
            raise AssertionError("== was called")

    item = NoEq()
    ah.assert_member(p, "item", item, "xs", [NoEq(), item])


def test_assert_raises_reports_a_missing_exception(p):
    """No exception where one is expected is a contract failure that says so."""
    with p.default(p.call("Graph", as_="g")), pytest.raises(ConformanceFailure, match=r"\(no exception\)"):
        ah.assert_raises(p, ValueError, "train.get_or_create_global_step")


def test_assert_raises_reports_the_wrong_exception(p):
    """A different exception type is a contract failure naming both types."""
    with pytest.raises(ConformanceFailure, match=r"raised TypeError.*but should be raising ValueError"):
        ah.assert_raises(p, ValueError, "train.assert_global_step", 5)


def test_assert_raises_returns_the_expected_exception(p):
    """The expected exception comes back for further checks."""
    assert isinstance(ah.assert_raises(p, TypeError, "train.assert_global_step", 5), TypeError)


def test_assert_accepts_tells_rejection_from_crash(p):
    """The clause's own rejection is a failure; any other exception is a crash."""
    with pytest.raises(ConformanceFailure, match="accepting it"):
        ah.assert_accepts(p, TypeError, "train.assert_global_step", 5)
    with pytest.raises(BackendCrash, match="crashed: TypeError"):
        ah.assert_accepts(p, ValueError, "train.assert_global_step", 5)


def test_a_raising_call_is_a_crash_not_a_failure(p):
    """Program.call turns an exception into BackendCrash, which is not an AssertionError."""
    with pytest.raises(BackendCrash) as info:
        p.call("train.assert_global_step", "not a tensor")
    assert not isinstance(info.value, AssertionError)
    assert "tf1.train.assert_global_step('not a tensor') crashed: TypeError" in str(info.value)
    assert "# raises TypeError" in str(info.value)


def test_a_missing_name_says_which(p):
    """A name the backend lacks raises MissingAPI naming it."""
    with pytest.raises(MissingAPI, match=r"lacks tf1.train.no_such_function \(train has no attribute"):
        p.call("train.no_such_function")


def test_show_shortens_long_values():
    """Values longer than MAX_REPR are cut, with an ellipsis."""
    assert len(ah.show("x" * 1000)) == ah.MAX_REPR
    assert ah.show("x" * 1000).endswith("...")


def test_show_survives_a_raising_repr():
    """A value whose repr raises is still shown, by type."""
    class Bad:
        def __repr__(self):
            raise RuntimeError("no")

    assert ah.show(Bad()) == "<Bad object; repr raised RuntimeError>"


def test_names_are_unique_and_literals_stay_literals(p):
    """Two results named alike get step and step_2; plain values print as literals."""
    g1, g2 = p.call("Graph", as_="g"), p.call("Graph", as_="g")
    assert (p.ref(g1), p.ref(g2)) == ("g", "g_2")
    assert p.ref({"a": [1, (2,)]}) == "{'a': [1, (2,)]}"


def test_a_check_reads_the_latest_value_of_a_name_bound_twice():
    """A check written with ``p.current("count")`` after a second ``count = ...`` reads that binding (``count_2``)."""
    p = Program(load("reference")[1])  # the counter surface: convert_to_numpy returns arrays, bound uniquely
    opt = p.call("optimizers.SGD", 0.1, as_="opt")
    p.call("ops.convert_to_numpy", p.attr(opt, "iterations"), as_="count")
    p.method(p.attr(opt, "iterations"), "assign", 5)
    value = p.call("ops.convert_to_numpy", p.attr(opt, "iterations"), as_="count")
    with pytest.raises(ConformanceFailure) as info:
        ah.assert_equal(p, f"int({p.current('count')})", int(value), 4)
    code = "\n".join(line[4:] for line in str(info.value).split("Reproduce with:\n")[1].splitlines())
    assert code.splitlines()[-1].startswith("assert int(count_2) == 4")
    with pytest.raises(AssertionError, match=r"int\(count_2\)=5"):  # fails on its own, on the value read last
        exec(compile(code, "<snippet>", "exec"), {})


def test_define_once_writes_a_users_class_into_the_program_only_the_first_time(p):
    """A second define_once of the same name returns the first object and adds no line."""
    source = 'class MyGraph(tf1.Graph):\n  """A user\'s Graph."""\n'
    first = p.define_once(source, "MyGraph")
    lines = len(p.lines)
    assert p.define_once(source, "MyGraph") is first
    assert len(p.lines) == lines
    assert sum("class MyGraph" in line for line in p.lines) == 1
