"""Session: runs parts of one graph and holds that graph's variable values.

``run(fetches, feed_dict)`` evaluates each needed operation at most once per call (inputs and control inputs
first), so fetching the same train op twice in one run applies it once, as in TensorFlow.
"""

from __future__ import annotations

import contextlib

import numpy as np

from impls.reference.graph import Operation, Tensor, get_default_graph
from impls.reference.ops import FailedPreconditionError, Variable, wrap

#: The sessions of the ``with sess.as_default():`` blocks open now, innermost last.
_default_sessions: list[Session] = []


def get_default_session():
    """The session of the innermost ``with sess.as_default():`` block, or None."""
    return _default_sessions[-1] if _default_sessions else None


class Session:
    def __init__(self, target="", graph=None, config=None):
        self.graph = graph if graph is not None else get_default_graph()
        self._variables: dict[int, np.ndarray] = {}  # id(variable) -> value
        self.slots: dict[tuple, dict] = {}  # optimizer state, keyed by (update op name, variable name)
        self._closed = False

    def __repr__(self):
        return f"<reference.Session graph={self.graph!r}>"

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self) -> None:
        self._closed = True

    @contextlib.contextmanager
    def as_default(self):
        """Make this the default session (not its graph the default graph, as in TensorFlow)."""
        _default_sessions.append(self)
        try:
            yield self
        finally:
            _default_sessions.remove(self)

    # -- variable state, used by the operations' compute functions -----------------------------------------
    def _read(self, variable: Variable) -> np.ndarray:
        try:
            return self._variables[id(variable)]
        except KeyError:
            raise FailedPreconditionError(
                f"Attempting to use uninitialized value {variable.op.name}") from None

    def _write(self, variable: Variable, value) -> np.ndarray:
        self._variables[id(variable)] = wrap(value, variable.dtype)
        return self._variables[id(variable)]

    # -- running -------------------------------------------------------------------------------------------
    def run(self, fetches, feed_dict=None):
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        feeds = {id(self._element(key)): (self._element(key), value) for key, value in (feed_dict or {}).items()}
        cache: dict[int, object] = {}
        self._running = (feeds, cache)  # for the branches a conditional operation runs (_run_branch)
        with np.errstate(all="ignore"):  # IEEE arithmetic, as TensorFlow's kernels: inf and nan, no warnings
            return self._fetch(fetches, feeds, cache)

    def _fetch(self, fetches, feeds, cache):
        if isinstance(fetches, (list, tuple)):
            return type(fetches)(self._fetch(item, feeds, cache) for item in fetches)
        if isinstance(fetches, dict):
            return {key: self._fetch(item, feeds, cache) for key, item in fetches.items()}
        element = self._element(fetches)
        if isinstance(element, Operation):
            self._execute(element, feeds, cache)
            return None
        value = self._evaluate(element, feeds, cache)
        return value[()] if isinstance(value, np.ndarray) else value

    def _element(self, fetch):
        if isinstance(fetch, str):
            return self.graph.get_tensor_by_name(fetch) if ":" in fetch else self.graph.get_operation_by_name(fetch)
        if not isinstance(fetch, (Tensor, Operation)):
            raise TypeError(f"Fetch argument {fetch!r} has invalid type {type(fetch)!r}.")
        if fetch.graph is not self.graph:
            raise ValueError(f"Fetch argument {fetch!r} cannot be interpreted as a Tensor. "
                             f"({fetch!r} is not an element of this graph.)")
        return fetch

    def _evaluate(self, tensor: Tensor, feeds, cache):
        if id(tensor) in feeds:
            placeholder, value = feeds[id(tensor)]
            return wrap(value, placeholder.dtype)
        return self._execute(tensor.op, feeds, cache)

    def _execute(self, op: Operation, feeds, cache):
        if id(op) not in cache and any(id(output) in feeds for output in op.outputs):
            cache[id(op)] = None  # a fed operation (a control input on a fed placeholder) is not computed
        if id(op) not in cache:
            for control in op.control_inputs:
                self._execute(control, feeds, cache)
            values = [self._evaluate(tensor, feeds, cache) for tensor in op.inputs]
            cache[id(op)] = op.compute(self, values)
        return cache[id(op)]

    def _run_branch(self, op: Operation):
        """Run ``op`` within the current ``run``: a conditional operation's branch, taken."""
        return self._execute(op, *self._running)


class InteractiveSession(Session):
    """A Session that makes itself the default session, and its graph the default graph, when it is made, until it
    is closed."""

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)
        _default_sessions.append(self)
        self._graph_context = self.graph.as_default()
        self._graph_context.__enter__()

    def close(self) -> None:
        if self in _default_sessions:
            _default_sessions.remove(self)
            self._graph_context.__exit__(None, None, None)
        super().close()


class MonitoredSession:
    """``tf1.train.MonitoredSession()``: a Session on the default graph that initialises the global and local
    variables, then finalizes the graph (nothing may be added to it any more); ``run`` runs in that session."""

    def __init__(self, session_creator=None, hooks=None, stop_grace_period_secs=120):
        from impls.reference.ops import global_variables_initializer, local_variables_initializer

        self.graph = get_default_graph()
        with self.graph.as_default():
            init, local_init = global_variables_initializer(), local_variables_initializer()
        self.graph.finalize()
        self._session = Session(graph=self.graph)
        self._session.run([init, local_init])

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        return self._session.run(fetches, feed_dict=feed_dict)

    def close(self) -> None:
        self._session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
