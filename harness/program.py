"""A Program runs backend calls and writes them down as code a person can paste.

Tests talk to a backend only through a Program. Every call is recorded as a line of Python against ``tf1``
(the backend's namespace), so a failure message can end with the exact program that reproduces it::

    p = Program(backend)
    g = p.call("Graph", as_="g")
    with p.default(g):
        step = p.call("train.get_or_create_global_step", as_="step")

records::

    import tensorflow.compat.v1 as tf1
    g = tf1.Graph()
    with g.as_default():
        step = tf1.train.get_or_create_global_step()

A call that raises is a ``BackendCrash`` (the backend blew up), never a contract failure; tests that expect an
exception use ``attempt`` (or the ``assert_raises`` helper, which is built on it).
"""

from __future__ import annotations

import contextlib
import itertools

import numpy as np

from harness.outcomes import BackendCrash, MissingAPI, context


class Program:
    def __init__(self, backend):
        self.backend = backend
        self.lines: list[str] = [backend.import_line]
        self.last_call = "(no call yet)"
        self._names: dict[int, str] = {}  # id(object) -> name in the program
        self._objects: dict[str, object] = {}  # keeps named objects alive, so their ids stay theirs
        self._counters: dict[str, itertools.count] = {}
        self._indent = 0
        self._quiet = 0
        self._closed: tuple[int, str, int] | None = None  # (indent, header, line count) of the last with-block

    # -- naming and formatting ----------------------------------------------------------------------------
    def bind(self, name: str, obj) -> str:
        """Give ``obj`` a name in the program (made unique: step, step_2, ...) and return that name."""
        if obj is None or isinstance(obj, (bool, int, float, str, np.generic)):
            return name
        counter = self._counters.setdefault(name, itertools.count(1))
        unique = name
        while unique in self._objects:
            unique = f"{name}_{next(counter) + 1}"
        self._names[id(obj)] = unique
        self._objects[unique] = obj
        return unique

    def api_value(self, path: str):
        """A constant of the namespace (``float32``, ``GraphKeys``), written ``tf1.<path>`` in the program."""
        value = self.backend.api(path)
        if not isinstance(value, (bool, int, float, str)):
            self._names[id(value)] = f"tf1.{path}"
            self._objects[f"tf1.{path}"] = value
        return value

    def ref(self, value) -> str:
        """How ``value`` is written in the program: its name if it has one, else a literal."""
        if id(value) in self._names and self._objects.get(self._names[id(value)]) is value:
            return self._names[id(value)]
        if isinstance(value, dict):
            return "{" + ", ".join(f"{self.ref(k)}: {self.ref(v)}" for k, v in value.items()) + "}"
        if isinstance(value, list):
            return "[" + ", ".join(self.ref(item) for item in value) + "]"
        if isinstance(value, tuple):
            return "(" + ", ".join(self.ref(item) for item in value) + ("," if len(value) == 1 else "") + ")"
        if isinstance(value, np.generic):
            return repr(value.item())
        return repr(value)

    def arguments(self, args, kwargs) -> str:
        return ", ".join([self.ref(a) for a in args] + [f"{k}={self.ref(v)}" for k, v in kwargs.items()])

    def write(self, line: str) -> None:
        if not self._quiet:
            self.lines.append("    " * self._indent + line)

    @contextlib.contextmanager
    def quiet(self):
        """Run calls without recording them (for checks whose failure message records its own line)."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    def snippet(self, last_line: str | None = None) -> str:
        """The program so far (plus ``last_line``), indented for a failure message."""
        lines = self.lines + (["    " * self._indent + last_line] if last_line else [])
        return "Reproduce with:\n" + "\n".join("    " + line for line in lines)

    # -- running ------------------------------------------------------------------------------------------
    def call(self, api: str, /, *args, as_: str | None = None, **kwargs):
        """``tf1.<api>(*args, **kwargs)``; the result is named ``as_`` in the program."""
        function = self.backend.api(api)
        return self._run(f"tf1.{api}({self.arguments(args, kwargs)})", lambda: function(*args, **kwargs), as_)

    def method(self, obj, name: str, /, *args, as_: str | None = None, **kwargs):
        """``obj.<name>(*args, **kwargs)``, e.g. ``sess.run(step)``."""
        text = f"{self.ref(obj)}.{name}({self.arguments(args, kwargs)})"
        return self._run(text, lambda: getattr(obj, name)(*args, **kwargs), as_)

    def eval(self, expression: str, as_: str | None = None):
        """A Python expression over the program's names and ``tf1``, e.g. ``"x * 5 - x * v"``."""
        scope = {"tf1": _Names(self.backend), **self._objects}
        return self._run(expression, lambda: eval(expression, {}, scope), as_)

    def attr(self, obj, path: str):
        """Read ``obj.<path>`` (``"dtype.base_dtype"``); a missing attribute is a crash, not a failure."""
        value = obj
        for part in path.split("."):
            try:
                value = getattr(value, part)
            except Exception as exc:
                self.last_call = f"{self.ref(obj)}.{path}"
                raise BackendCrash(
                    f"{self.ref(obj)}.{path} raised {type(exc).__name__}: {exc} "
                    f"{context(self.backend.name)}\n\n{self.snippet(f'print({self.ref(obj)}.{path})')}"
                ) from exc
        return value

    def attempt(self, api: str, *args, **kwargs):
        """Call ``tf1.<api>`` expecting it may raise: returns ``(result, exception)``, one of them None."""
        function = self.backend.api(api)
        self.last_call = f"tf1.{api}({self.arguments(args, kwargs)})"
        try:
            return function(*args, **kwargs), None
        except MissingAPI:
            raise
        except Exception as exc:  # the caller judges the exception
            return None, exc

    def _run(self, text: str, thunk, as_: str | None):
        self.last_call = text
        try:
            result = thunk()
        except (BackendCrash, MissingAPI):
            raise
        except Exception as exc:
            raise BackendCrash(
                f"{text} crashed: {type(exc).__name__}: {exc} {context(self.backend.name)}\n\n"
                f"{self.snippet(text + '  # raises ' + type(exc).__name__)}"
            ) from exc
        if as_ is not None:
            as_ = self.bind(as_, result)
            self.write(f"{as_} = {text}")
        else:
            self.write(text)
        return result

    # -- contexts -----------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def default(self, graph):
        """``with graph.as_default():``, recorded."""
        with self._within(f"{self.ref(graph)}.as_default()", lambda: graph.as_default()):
            yield graph

    @contextlib.contextmanager
    def within(self, api: str, *args, **kwargs):
        """``with tf1.<api>(*args, **kwargs):``, e.g. ``p.within("name_scope", "outer")``."""
        function = self.backend.api(api)
        with self._within(f"tf1.{api}({self.arguments(args, kwargs)})", lambda: function(*args, **kwargs)) as v:
            yield v

    @contextlib.contextmanager
    def within_each(self, api: str, names):
        """``with tf1.<api>(name):`` for each of ``names``, nested, the last innermost."""
        with contextlib.ExitStack() as stack:
            for name in names:
                stack.enter_context(self.within(api, name))
            yield

    @contextlib.contextmanager
    def _within(self, text: str, make_manager):
        header = "    " * self._indent + f"with {text}:"
        reopen = self._closed == (self._indent, header, len(self.lines)) and not self._quiet
        with self.quiet():
            manager = self._run(text, make_manager, None)
        if not reopen:  # entering the block that just closed again: keep writing into it
            self.write(f"with {text}:")
        try:
            value = manager.__enter__()
        except Exception as exc:
            raise BackendCrash(f"entering {text} crashed: {type(exc).__name__}: {exc} "
                               f"{context(self.backend.name)}\n\n{self.snippet()}") from exc
        self._indent += 1
        try:
            yield value
        except BaseException as exc:
            self._indent -= 1
            if not manager.__exit__(type(exc), exc, exc.__traceback__):
                raise
        else:
            self._indent -= 1
            manager.__exit__(None, None, None)
        self._closed = (self._indent, header, len(self.lines))


class _Names:
    """``tf1`` inside ``Program.eval``: a name the backend lacks is a MissingAPI, like in ``Program.call``."""

    def __init__(self, backend):
        self._backend = backend

    def __getattr__(self, name):
        return self._backend.api(name)
