"""A Program runs backend calls and writes them down as code a person can paste.

Tests talk to a backend only through a Program. Every call is recorded as a line of Python against ``tf1``
(the backend's namespace; ``keras`` for a counter backend), so a failure message can end with the exact program
that reproduces it::

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

import ast
import collections
import contextlib
import itertools
import time
import warnings

import numpy as np

from harness.outcomes import BackendCrash, MissingAPI, context


class Meter:
    """Per backend object: the programs made and the seconds spent inside its calls (read around each test)."""

    def __init__(self):
        self.programs: collections.Counter = collections.Counter()
        self.seconds: collections.defaultdict = collections.defaultdict(float)

    def reading(self, backend) -> tuple[int, float]:
        return self.programs[id(backend)], self.seconds[id(backend)]


METER = Meter()


class Program:
    def __init__(self, backend):
        self.backend = backend
        self.alias = backend.alias  # the namespace's name in the program: tf1 (v1) or keras (counter)
        METER.programs[id(backend)] += 1
        self.lines: list[str] = [backend.requirement_line, backend.import_line]
        self.last_call = "(no call yet)"
        self._names: dict[int, str] = {}  # id(object) -> name in the program
        self._objects: dict[str, object] = {}  # keeps named objects alive, so their ids stay theirs
        self._counters: dict[str, itertools.count] = {}
        self._indent = 0
        self._quiet = 0
        self._closed: tuple[int, str, int] | None = None  # (indent, header, line count) of the last with-block
        self._assigned: set[str] = set()  # every name an assignment in the program defines
        self._none: str | None = None  # the last name bound to a call that returned None
        self._latest: dict[str, str] = {}  # as_ name -> the unique name its latest binding got (found -> found_2)
        self._foreign: str | None = None  # the note when the backend returned an object of a graph never made here

    # -- naming and formatting ----------------------------------------------------------------------------
    def bind(self, name: str, obj) -> str:
        """Give ``obj`` a name in the program (made unique: step, step_2, ...) and return that name."""
        self._assigned.add(name)
        self._latest[name] = name
        if obj is None:
            self._none = name
            return name
        if isinstance(obj, (bool, int, float, str, np.generic)):
            return name
        counter = self._counters.setdefault(name, itertools.count(1))
        unique = name
        while unique in self._objects:
            unique = f"{name}_{next(counter) + 1}"
        if not (id(obj) in self._names and self._objects.get(self._names[id(obj)]) is obj):
            # An object keeps its first name: a later call that returns it again (on a backend that should return
            # another object) must not rename what the earlier lines of the program call it.
            self._names[id(obj)] = unique
        self._objects[unique] = obj
        self._assigned.add(unique)
        self._latest[name] = unique
        return unique

    def current(self, expr: str) -> str:
        """``expr``, or when it is a bare ``as_`` name, the unique name that name's latest binding got."""
        return self._latest.get(expr, expr)

    def undefined_names(self, code: str) -> set[str]:
        """The names ``code`` reads that neither the program, nor Python's builtins, define."""
        import builtins

        try:
            tree = ast.parse(code)
        except SyntaxError:
            return {f"<not Python: {code!r}>"}
        stored = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        stored |= {n.name for n in ast.walk(tree) if isinstance(n, ast.ExceptHandler) and n.name}
        functions = [n for n in ast.walk(tree) if isinstance(n, (ast.Lambda, ast.FunctionDef))]
        stored |= {a.arg for n in functions for a in n.args.args} | {n.name for n in functions if hasattr(n, "name")}
        loaded = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        return loaded - stored - self._assigned - set(dir(builtins)) - {self.alias}

    def api_value(self, path: str):
        """A constant of the namespace (``float32``, ``GraphKeys``), written ``tf1.<path>`` in the program."""
        value = self.backend.api(path)
        if not isinstance(value, (bool, int, float, str)):
            self._names[id(value)] = f"{self.alias}.{path}"
            self._objects[f"{self.alias}.{path}"] = value
        return value

    def ref(self, value) -> str:
        """How ``value`` is written in the program: its name if it has one, else a literal."""
        if id(value) in self._names and self._objects.get(self._names[id(value)]) is value:
            return self._names[id(value)]
        if isinstance(value, type) and value.__module__ == "builtins":
            return value.__name__
        if isinstance(value, dict):
            return "{" + ", ".join(f"{self.ref(k)}: {self.ref(v)}" for k, v in value.items()) + "}"
        if isinstance(value, list):
            return "[" + ", ".join(self.ref(item) for item in value) + "]"
        if isinstance(value, tuple):
            return "(" + ", ".join(self.ref(item) for item in value) + ("," if len(value) == 1 else "") + ")"
        if isinstance(value, np.generic):
            return self.ref(value.item())
        if isinstance(value, float) and not np.isfinite(value):
            return f"float({str(value)!r})"  # inf and nan have no literal
        return repr(value)

    def ref_object(self, value) -> str:
        """Like ``ref``, for a place where a literal ``None`` makes no sense (``x.attr``, ``a is x``): ``None``
        that a call returned is written by the name it was bound to, so the program stays right on a backend that
        returns the object."""
        if value is None and self._none is not None:
            return self._none
        return self.ref(value)

    def arguments(self, args, kwargs, objects: bool = False) -> str:
        positional = [self.ref_object(a) if objects else self.ref(a) for a in args]
        return ", ".join(positional + [f"{k}={self.ref(v)}" for k, v in kwargs.items()])

    def write(self, line: str) -> None:
        """Record ``line`` (several lines allowed) at the current indentation."""
        if not self._quiet:
            self.lines.extend("    " * self._indent + part for part in line.split("\n"))

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
        last = ["    " * self._indent + part for part in last_line.split("\n")] if last_line else []
        lines = self.lines[:1] + ([self._foreign] if self._foreign else []) + self.lines[1:] + last
        return "Reproduce with:\n" + "\n".join("    " + part for line in lines for part in line.split("\n"))

    # -- running ------------------------------------------------------------------------------------------
    def call(self, api: str, /, *args, as_: str | None = None, **kwargs):
        """``tf1.<api>(*args, **kwargs)``; the result is named ``as_`` in the program."""
        function = self.backend.api(api)
        return self._run(f"{self.alias}.{api}({self.arguments(args, kwargs)})", lambda: function(*args, **kwargs),
                         as_)

    def method(self, obj, name: str, /, *args, as_: str | None = None, **kwargs):
        """``obj.<name>(*args, **kwargs)``, e.g. ``sess.run(step)``."""
        # A method's positional argument is never a literal None (``sess.run(None)``): write a None that a call
        # returned by its name, so the program stays right on a backend that returns the object.
        text = f"{self.ref_object(obj)}.{name}({self.arguments(args, kwargs, objects=True)})"
        return self._run(text, lambda: getattr(obj, name)(*args, **kwargs), as_)

    def eval(self, expression: str, as_: str | None = None):
        """A Python expression over the program's names and ``tf1``, e.g. ``"x * 5 - x * v"``."""
        scope = {self.alias: _Names(self.backend), **self._objects}
        return self._run(expression, lambda: eval(expression, scope), as_)

    def define(self, source: str, name: str):
        """Run ``source``, Python that defines ``name`` (a function, e.g. a ``@tf.function`` training step), over the
        program's names; it is written into the program as it is, and the function is named ``name``."""
        scope = {self.alias: _Names(self.backend), **self._objects}
        self._run(source.strip("\n"), lambda: exec(source.strip("\n"), scope), None)
        self._objects[name] = scope[name]
        self._names[id(scope[name])] = name
        self._assigned.add(name)
        return scope[name]

    def define_once(self, source: str, name: str):
        """``define(source, name)`` the first time; later, the object ``name`` the program already defines (a user's
        class that several set-ups of one test use)."""
        if name in self._objects:
            return self._objects[name]
        return self.define(source, name)

    def attr(self, obj, path: str):
        """Read ``obj.<path>`` (``"dtype.base_dtype"``); a missing attribute is a crash, not a failure."""
        value = obj
        text = f"{self.ref_object(obj)}.{path}"
        for part in path.split("."):
            try:
                value = getattr(value, part)
            except Exception as exc:
                self.last_call = text
                raise BackendCrash(
                    f"{text} raised {type(exc).__name__}: {exc} "
                    f"{context(self.backend.name)}\n\n{self.snippet(f'print({text})')}"
                ) from exc
        if not isinstance(value, (type(None), bool, int, float, str, np.generic)) and id(value) not in self._names:
            self._names[id(value)] = text  # written as the attribute it was read from, e.g. ``v.initializer``
            self._objects[text] = value
        return value

    def attempt(self, api: str, *args, objects: bool = False, **kwargs):
        """Call ``tf1.<api>`` expecting it may raise: returns ``(result, exception)``, one of them None.

        ``objects``: the positional arguments are objects a call made, never a literal None (see ``ref_object``).
        """
        function = self.backend.api(api)
        self.last_call = f"{self.alias}.{api}({self.arguments(args, kwargs, objects=objects)})"
        return self._outcome(lambda: function(*args, **kwargs))

    def attempt_method(self, obj, name: str, /, *args, **kwargs):
        """``obj.<name>(*args, **kwargs)`` expecting it may raise: returns ``(result, exception)``, one of them None."""
        method = self.attr(obj, name)  # a missing method is a crash, never the exception expected
        called = self.ref_object(obj) if name == "__call__" else f"{self.ref_object(obj)}.{name}"
        self.last_call = f"{called}({self.arguments(args, kwargs, objects=True)})"
        return self._outcome(lambda: method(*args, **kwargs))

    def tolerate(self, obj, name: str, /, *args, **kwargs):
        """``obj.<name>(*args, **kwargs)`` where the clause allows an exception (it judges what the call did, not
        whether it raised): returns ``(result, exception)``, one of them None. Recorded inside ``try: ... except
        Exception: pass``, so that the reproduction goes on as the test did."""
        result, raised = self.attempt_method(obj, name, *args, **kwargs)  # a missing method is a crash
        self.write(f"try:\n    {self.last_call}\nexcept Exception:\n    pass  # allowed to raise: the check below is "
                   f"on the state it leaves")
        return result, raised

    @contextlib.contextmanager
    def _inside_backend(self):
        """Around every backend call: its time counts for METER, and its warnings (numpy's on nan gradients) are
        not the contract's, so they never become errors."""
        start = time.perf_counter()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                yield
        finally:
            METER.seconds[id(self.backend)] += time.perf_counter() - start

    def _outcome(self, thunk) -> tuple:
        """``(result, None)``, or ``(None, exception)``: for a call whose exception the caller judges (a missing
        name is still MissingAPI)."""
        try:
            with self._inside_backend():
                return thunk(), None
        except MissingAPI:
            raise
        except Exception as exc:
            return None, exc

    def _run(self, text: str, thunk, as_: str | None):
        self.last_call = text
        try:
            with self._inside_backend():
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
        self._check_home(result, as_ or text)
        return result

    def _check_home(self, result, name: str) -> None:
        """Note when ``result`` belongs to a graph that this program did not make: the backend kept state from
        an earlier test (a process-wide step, say), so this program alone may not reproduce what follows."""
        if self._foreign or self._quiet or result is None or isinstance(result, (bool, int, float, str, np.generic)):
            return
        try:
            graph = getattr(result, "graph", None)
        except Exception:  # a backend object whose attribute raises: nothing to say about its graph
            return
        if graph is None or graph is result or not hasattr(graph, "get_operations"):
            return
        if not (id(graph) in self._names and self._objects.get(self._names[id(graph)]) is graph):
            self._foreign = (
                f"# Note: {name} belongs to a graph this program never made: the backend returned an object kept "
                f"from an earlier test (process-wide state), so this program alone may not reproduce the failure; "
                f"rerun the test itself with pytest --replay=RESULTS")

    # -- contexts -----------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def default(self, graph):
        """``with graph.as_default():``, recorded."""
        with self._within(f"{self.ref(graph)}.as_default()", lambda: graph.as_default()):
            yield graph

    @contextlib.contextmanager
    def entering(self, obj, method: str, *args, **kwargs):
        """``with obj.<method>(*args, **kwargs):``, e.g. ``p.entering(strategy, "scope")``."""
        function = self.attr(obj, method)  # a missing method is a crash, named
        with self._within(f"{self.ref_object(obj)}.{method}({self.arguments(args, kwargs)})",
                          lambda: function(*args, **kwargs)) as v:
            yield v

    @contextlib.contextmanager
    def within(self, api: str, *args, as_: str | None = None, **kwargs):
        """``with tf1.<api>(*args, **kwargs):``, e.g. ``p.within("name_scope", "outer")``; with ``as_``, ``with
        ... as <as_>:`` (``p.within("GradientTape", as_="tape")``)."""
        function = self.backend.api(api)
        with self._within(f"{self.alias}.{api}({self.arguments(args, kwargs)})", lambda: function(*args, **kwargs),
                          as_) as v:
            yield v

    @contextlib.contextmanager
    def within_each(self, api: str, names):
        """``with tf1.<api>(name):`` for each of ``names``, nested, the last innermost."""
        with contextlib.ExitStack() as stack:
            for name in names:
                stack.enter_context(self.within(api, name))
            yield

    @contextlib.contextmanager
    def _within(self, text: str, make_manager, as_: str | None = None):
        header = "    " * self._indent + f"with {text}:"
        reopen = self._closed == (self._indent, header, len(self.lines)) and not self._quiet and as_ is None
        with self.quiet():
            manager = self._run(text, make_manager, None)
        try:
            value = manager.__enter__()
        except Exception as exc:
            raise BackendCrash(f"entering {text} crashed: {type(exc).__name__}: {exc} "
                               f"{context(self.backend.name)}\n\n{self.snippet(f'with {text}:  # raises')}") from exc
        if as_ is not None:
            self.write(f"with {text} as {self.bind(as_, value)}:")
        elif not reopen:  # entering the block that just closed again: keep writing into it
            self.write(f"with {text}:")
        written = len(self.lines)
        self._indent += 1
        try:
            yield value
        except BaseException as exc:
            self._pass_if_empty(written)
            self._indent -= 1
            if not manager.__exit__(type(exc), exc, exc.__traceback__):
                raise
        else:
            self._pass_if_empty(written)
            self._indent -= 1
            manager.__exit__(None, None, None)
        self._closed = (self._indent, header, len(self.lines))


    def _pass_if_empty(self, written: int) -> None:
        """A ``with`` block inside which nothing was recorded gets ``pass``: the program must stay Python."""
        if len(self.lines) == written and not self._quiet:
            self.write("pass")


class _Names:
    """``tf1`` inside ``Program.eval``: a name the backend lacks is a MissingAPI, like in ``Program.call``."""

    def __init__(self, backend):
        self._backend = backend

    def __getattr__(self, name):
        return self._backend.api(name)
