"""The assertion helpers: every failure message of the suite is built here (import as ``ah``).

One template, after array-api-tests' ``ph.assert_*``::

    <observed expr>=<value>, but should be <expected> [<call>] {backend=<name>, clause=<id>}

    Reproduce with:
        <the program that got there>

``call`` defaults to the last backend call the Program made. Each helper raises ``ConformanceFailure``. The
snippet ends in a statement that fails exactly when the defect is present: an ``assert`` with the message, or
for an expected exception a ``try``/``except``/``else: raise AssertionError``. ``expr`` is therefore Python
over the program's names (meta_tests/test_reproductions.py runs the snippets of real failures).
"""

from __future__ import annotations

import ast

from harness.outcomes import BackendCrash, ConformanceFailure, context

MAX_REPR = 240


def show(value) -> str:
    """``repr(value)``, shortened; types stay visible (``np.int64(0)``, ``tf.int64``)."""
    try:
        text = repr(value)
    except Exception as exc:  # a backend object whose repr raises must not hide the real failure
        text = f"<{type(value).__name__} object; repr raised {type(exc).__name__}>"
    return text if len(text) <= MAX_REPR else text[: MAX_REPR - 3] + "..."


def operand(expr: str) -> str:
    """``expr`` as an operand of ``==`` / ``is``: parenthesised unless it is a name, call, attribute or literal."""
    try:
        node = ast.parse(expr, mode="eval").body
    except SyntaxError:
        return f"({expr})"
    simple = (ast.Name, ast.Call, ast.Attribute, ast.Subscript, ast.Constant, ast.List, ast.Tuple, ast.Dict)
    return expr if isinstance(node, simple) else f"({expr})"


def check_line(condition: str, text: str) -> str:
    """``assert condition, "text"``: the last line of a snippet."""
    return f"assert {condition}, {text!r}"


def message(p, expr: str, observed: str, expected: str, call: str | None = None, check: str | None = None) -> str:
    """The failure text for one broken expectation (public so its format can be tested).

    A check that uses a name the program never defined is a defect of the test, raised as such (verdict broken).
    """
    if check is not None and (unknown := p.undefined_names(check)):
        raise RuntimeError(f"suite defect: the reproduction's check {check!r} uses {', '.join(sorted(unknown))}, "
                           f"which the program does not define")
    head = f"{expr}={observed}, but should be {expected} [{call or p.last_call}] {context(p.backend.name)}"
    return f"{head}\n\n{p.snippet(check)}"


def fail(p, expr: str, observed: str, expected: str, call: str | None = None, check: str | None = None):
    __tracebackhide__ = True
    raise ConformanceFailure(message(p, expr, observed, expected, call, check))


def assert_equal(p, expr: str, observed, expected, call: str | None = None) -> None:
    """Assert ``observed == expected``.

    >>> ah.assert_equal(p, "sess.run(step)", value, 0)

    is equivalent to ``assert value == 0``.
    """
    __tracebackhide__ = True
    expr = p.current(expr)
    if observed != expected:
        fail(p, expr, show(observed), show(expected), call,
             check=check_line(f"{operand(expr)} == {p.ref(expected)}",
                              f"{expr}={show(observed)}, but should be {show(expected)}"))


def assert_close(p, expr: str, observed: list[float], expected: list[float], *, rtol: float = 1e-4,
                 atol: float = 1e-5, call: str | None = None) -> None:
    """Assert that two lists of floats agree to ``rtol`` / ``atol`` (values a backend computes in float32).

    >>> ah.assert_close(p, "value.ravel().tolist()", observed, [0.9, -1.8])

    is equivalent to ``assert all(abs(a - b) <= atol + rtol * abs(b) for a, b in zip(observed, [0.9, -1.8]))``.
    """
    __tracebackhide__ = True
    expr = p.current(expr)
    close = len(observed) == len(expected) and all(
        abs(a - b) <= atol + rtol * abs(b) for a, b in zip(observed, expected, strict=True))
    if not close:
        fail(p, expr, show(observed), f"{show(expected)} (to rtol={rtol}, atol={atol})", call,
             check=check_line(f"all(abs(a - b) <= {atol} + {rtol} * abs(b) for a, b in zip({expr}, "
                              f"{p.ref(expected)}))", f"{expr}={show(observed)}, but should be {show(expected)}"))


def assert_not_equal(p, expr: str, observed, other_expr: str, other, call: str | None = None) -> None:
    """Assert ``observed != other``: something changed.

    >>> ah.assert_not_equal(p, "after[0]", after[0], "before[0]", before[0])

    is equivalent to ``assert after[0] != before[0]``.
    """
    __tracebackhide__ = True
    expr = p.current(expr)
    other_expr = p.current(other_expr)
    if observed == other:
        fail(p, expr, show(observed), f"different from {other_expr}={show(other)}", call,
             check=check_line(f"{operand(expr)} != {operand(other_expr)}",
                              f"{expr}={show(observed)}, but should differ from {other_expr}"))


def assert_is(p, expr: str, observed, expected, call: str | None = None) -> None:
    """Assert that ``observed`` is the very object ``expected`` (identity, not equality).

    >>> ah.assert_is(p, "again", again, step)

    is equivalent to ``assert again is step``.
    """
    __tracebackhide__ = True
    expr = p.current(expr)
    if observed is not expected:
        fail(p, expr, show(observed), f"the identical object {p.ref_object(expected)} ({show(expected)})", call,
             check=check_line(f"{operand(expr)} is {p.ref_object(expected)}",
                              f"{expr} is not the identical object {p.ref_object(expected)}"))


def assert_is_not(p, expr: str, observed, other, call: str | None = None) -> None:
    """Assert that ``observed`` is a different object from ``other``.

    >>> ah.assert_is_not(p, "step_2", step_2, step_1)

    is equivalent to ``assert step_2 is not step_1``.
    """
    __tracebackhide__ = True
    expr = p.current(expr)
    if observed is other:
        fail(p, expr, show(observed), f"a different object from {p.ref_object(other)}", call,
             check=check_line(f"{operand(expr)} is not {p.ref_object(other)}", f"{expr} is {p.ref_object(other)}"))


def assert_none(p, expr: str, observed, call: str | None = None) -> None:
    """Assert ``observed is None``.

    >>> ah.assert_none(p, "tf1.train.get_global_step()", found)

    is equivalent to ``assert found is None``.
    """
    __tracebackhide__ = True
    expr = p.current(expr)
    if observed is not None:
        fail(p, expr, show(observed), "None", call,
             check=check_line(f"{operand(expr)} is None", f"{expr}={show(observed)}, but should be None"))


def assert_member(p, expr: str, item, collection_expr: str, collection, present: bool = True) -> None:
    """Assert that ``item`` is (or with ``present=False`` is not) in ``collection``, by identity.

    >>> ah.assert_member(p, "step", step, "g.get_collection('global_step')", members)

    is equivalent to ``assert any(m is step for m in members)``. Identity, because TensorFlow
    variables overload ``==``.
    """
    __tracebackhide__ = True
    expr = p.current(expr)
    collection_expr = p.current(collection_expr)
    found = any(member is item for member in collection)
    if found != present:
        verdict = "in" if present else "not in"
        fail(p, f"{collection_expr}", show(list(collection)), f"a list with {expr} {verdict} it", check=check_line(
            f"{'' if present else 'not '}any(m is {expr} for m in {collection_expr})",
            f"{expr} should be {verdict} {collection_expr}"))


def assert_raises(p, exception: type[BaseException], api: str, *args, **kwargs) -> BaseException:
    """Assert that ``tf1.<api>(*args, **kwargs)`` raises ``exception`` (or a subclass); return it.

    >>> ah.assert_raises(p, ValueError, "train.create_global_step", graph=g)

    is equivalent to ``with pytest.raises(ValueError): tf1.train.create_global_step(graph=g)``.
    A different exception is a contract failure too: the clause names the type.
    """
    __tracebackhide__ = True
    return _raised(p, exception, *p.attempt(api, *args, **kwargs))


def assert_method_raises(p, exception: type[BaseException], obj, name: str, /, *args, **kwargs) -> BaseException:
    """Assert that ``obj.<name>(*args, **kwargs)`` raises ``exception`` (or a subclass); return it.

    >>> ah.assert_method_raises(p, RuntimeError, tape, "gradient", loss, w)

    is equivalent to ``with pytest.raises(RuntimeError): tape.gradient(loss, w)``.
    """
    __tracebackhide__ = True
    return _raised(p, exception, *p.attempt_method(obj, name, *args, **kwargs))


def _raised(p, exception: type[BaseException], result, raised) -> BaseException:
    __tracebackhide__ = True
    call = p.last_call
    if raised is None:
        fail(p, call, f"{show(result)} (no exception)", f"raising {exception.__name__}", call,
             check=expect_raise(call, exception, f"{call} returned instead of raising {exception.__name__}"))
    if not isinstance(raised, exception):
        fail(p, call, f"raised {type(raised).__name__}({raised})", f"raising {exception.__name__}", call,
             check=expect_raise(call, exception, f"{call} raised another exception than {exception.__name__}"))
    p.write(expect_raise(call, exception, f"{call} should raise {exception.__name__}"))
    return raised


def expect_raise(call: str, exception: type[BaseException], text: str) -> str:
    """A statement that passes when ``call`` raises ``exception``, and fails otherwise (another exception escapes)."""
    name = _qualified(exception)
    return (f"try:\n    {call}\nexcept {name}:\n    pass\nexcept Exception as exc:\n"
            f"    raise AssertionError({text!r}) from exc\nelse:\n    raise AssertionError({text!r})")


def expect_no(call: str, exception: type[BaseException], text: str) -> str:
    """A statement that fails (AssertionError) when ``call`` raises ``exception``."""
    return f"try:\n    {call}\nexcept {_qualified(exception)} as exc:\n    raise AssertionError({text!r}) from exc"


def _qualified(exception: type[BaseException]) -> str:
    return exception.__name__ if exception.__module__ == "builtins" else f"{exception.__module__}.{exception.__name__}"


def assert_accepts(p, rejection: type[BaseException], api: str, *args, **kwargs):
    """Assert that ``tf1.<api>(*args, **kwargs)`` does not reject its input with ``rejection``; return the result.

    >>> ah.assert_accepts(p, TypeError, "train.assert_global_step", step)

    is equivalent to ``tf1.train.assert_global_step(step)`` not raising TypeError. Raising ``rejection``, the
    clause's own "no", is a contract failure; any other exception is a crash.
    """
    __tracebackhide__ = True
    result, raised = p.attempt(api, *args, objects=True, **kwargs)
    call = p.last_call
    if raised is None:
        p.write(call)
        return result
    if isinstance(raised, rejection):
        fail(p, call, f"raised {type(raised).__name__}({raised})", "accepting it (no exception)", call,
             check=expect_no(call, rejection, f"{call} should accept its argument"))
    p.write(f"{call}  # raises {type(raised).__name__}")
    raise BackendCrash(f"{call} crashed: {type(raised).__name__}: {raised} {context(p.backend.name)}\n\n"
                       f"{p.snippet()}") from raised


__all__ = [
    "BackendCrash",
    "ConformanceFailure",
    "assert_accepts",
    "assert_equal",
    "assert_is",
    "assert_is_not",
    "assert_member",
    "assert_none",
    "assert_raises",
    "fail",
    "message",
    "show",
]
