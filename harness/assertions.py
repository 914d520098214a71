"""The assertion helpers: every failure message of the suite is built here (import as ``ah``).

One template, after array-api-tests' ``ph.assert_*``::

    <observed expr>=<value>, but should be <expected> [<call>] {backend=<name>, clause=<id>}

    Reproduce with:
        <the program that got there>

``call`` defaults to the last backend call the Program made. Each helper raises ``ConformanceFailure``.
"""

from __future__ import annotations

from harness.outcomes import BackendCrash, ConformanceFailure, context

MAX_REPR = 240


def show(value) -> str:
    """``repr(value)``, shortened; types stay visible (``np.int64(0)``, ``tf.int64``)."""
    try:
        text = repr(value)
    except Exception as exc:  # a backend object whose repr raises must not hide the real failure
        text = f"<{type(value).__name__} object; repr raised {type(exc).__name__}>"
    return text if len(text) <= MAX_REPR else text[: MAX_REPR - 3] + "..."


def message(p, expr: str, observed: str, expected: str, call: str | None = None, check: str | None = None) -> str:
    """The failure text for one broken expectation (public so its format can be tested)."""
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
    if observed != expected:
        fail(p, expr, show(observed), show(expected), call, check=f"print({expr})  # expected {expected!r}")


def assert_not_equal(p, expr: str, observed, other_expr: str, other, call: str | None = None) -> None:
    """Assert ``observed != other``: something changed.

    >>> ah.assert_not_equal(p, "after[0]", after[0], "before[0]", before[0])

    is equivalent to ``assert after[0] != before[0]``.
    """
    __tracebackhide__ = True
    if observed == other:
        fail(p, expr, show(observed), f"different from {other_expr}={show(other)}", call,
             check=f"assert {expr} != {other_expr}")


def assert_is(p, expr: str, observed, expected, call: str | None = None) -> None:
    """Assert that ``observed`` is the very object ``expected`` (identity, not equality).

    >>> ah.assert_is(p, "again", again, step)

    is equivalent to ``assert again is step``.
    """
    __tracebackhide__ = True
    if observed is not expected:
        fail(p, expr, show(observed), f"the identical object {p.ref(expected)} ({show(expected)})", call,
             check=f"assert {expr} is {p.ref(expected)}")


def assert_is_not(p, expr: str, observed, other, call: str | None = None) -> None:
    """Assert that ``observed`` is a different object from ``other``.

    >>> ah.assert_is_not(p, "step_2", step_2, step_1)

    is equivalent to ``assert step_2 is not step_1``.
    """
    __tracebackhide__ = True
    if observed is other:
        fail(p, expr, show(observed), f"a different object from {p.ref(other)}", call,
             check=f"assert {expr} is not {p.ref(other)}")


def assert_none(p, expr: str, observed, call: str | None = None) -> None:
    """Assert ``observed is None``.

    >>> ah.assert_none(p, "tf1.train.get_global_step()", found)

    is equivalent to ``assert found is None``.
    """
    __tracebackhide__ = True
    if observed is not None:
        fail(p, expr, show(observed), "None", call, check=f"assert {expr} is None")


def assert_member(p, expr: str, item, collection_expr: str, collection, present: bool = True) -> None:
    """Assert that ``item`` is (or with ``present=False`` is not) in ``collection``, by identity.

    >>> ah.assert_member(p, "step", step, "g.get_collection('global_step')", members)

    is equivalent to ``assert any(m is step for m in members)``. Identity, because TensorFlow
    variables overload ``==``.
    """
    __tracebackhide__ = True
    found = any(member is item for member in collection)
    if found != present:
        verdict = "in" if present else "not in"
        fail(p, f"{collection_expr}", show(list(collection)), f"a list with {expr} {verdict} it", check=(
            f"assert any(m is {expr} for m in {collection_expr})" if present
            else f"assert not any(m is {expr} for m in {collection_expr})"))


def assert_raises(p, exception: type[BaseException], api: str, *args, **kwargs) -> BaseException:
    """Assert that ``tf1.<api>(*args, **kwargs)`` raises ``exception`` (or a subclass); return it.

    >>> ah.assert_raises(p, ValueError, "train.create_global_step", graph=g)

    is equivalent to ``with pytest.raises(ValueError): tf1.train.create_global_step(graph=g)``.
    A different exception is a contract failure too: the clause names the type.
    """
    __tracebackhide__ = True
    result, raised = p.attempt(api, *args, **kwargs)
    call = p.last_call
    if raised is None:
        p.write(f"{call}  # returned {show(result)}")
        fail(p, call, f"{show(result)} (no exception)", f"raising {exception.__name__}", call,
             check=f"# expected {call} to raise {exception.__name__}")
    if not isinstance(raised, exception):
        p.write(f"{call}  # raises {type(raised).__name__}")
        fail(p, call, f"raised {type(raised).__name__}({raised})", f"raising {exception.__name__}", call)
    p.write(f"{call}  # raises {exception.__name__}, as it should")
    return raised


def assert_accepts(p, rejection: type[BaseException], api: str, *args, **kwargs):
    """Assert that ``tf1.<api>(*args, **kwargs)`` does not reject its input with ``rejection``; return the result.

    >>> ah.assert_accepts(p, TypeError, "train.assert_global_step", step)

    is equivalent to ``tf1.train.assert_global_step(step)`` not raising TypeError. Raising ``rejection``, the
    clause's own "no", is a contract failure; any other exception is a crash.
    """
    __tracebackhide__ = True
    result, raised = p.attempt(api, *args, **kwargs)
    call = p.last_call
    if raised is None:
        p.write(call)
        return result
    p.write(f"{call}  # raises {type(raised).__name__}")
    if isinstance(raised, rejection):
        fail(p, call, f"raised {type(raised).__name__}({raised})", "accepting it (no exception)", call)
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
