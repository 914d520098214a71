"""Small builders the tests share: a fresh graph with a step, a trainable model, an initialised session.

Each takes the test's Program, so whatever it builds shows up in a failure's reproduction snippet.
"""

from __future__ import annotations

import contextlib

import pytest

from tests import strategies as gst


def new_graph(p, name: str = "g"):
    """``g = tf1.Graph()``."""
    return p.call("Graph", as_=name)


def create_step(p, graph, creator: str = "get_or_create_global_step"):
    """Create the step of ``graph`` with ``creator`` while ``graph`` is the default."""
    with p.default(graph):
        return p.call(f"train.{creator}", as_="step")


@contextlib.contextmanager
def session(p, graph):
    """An initialised ``tf1.Session(graph=graph)``; build everything in ``graph`` before entering."""
    with p.default(graph):
        init = p.call("global_variables_initializer", as_="init")
        sess = p.call("Session", graph=graph, as_="sess")
        p.method(sess, "run", init)
        try:
            yield sess
        finally:
            sess.close()


def make_optimizer(p, backend, name: str, step=None):
    """``tf1.train.<name>(**args)``; skips an optional optimizer the backend lacks (required ones fail)."""
    if name not in gst.REQUIRED_OPTIMIZERS and not backend.has(f"train.{name}"):
        pytest.skip(f"backend {backend.name!r} has no tf1.train.{name} (optional: checked where provided)")
    kwargs = dict(gst.OPTIMIZERS[name])
    if name in gst.TAKES_STEP:
        kwargs["global_step"] = step
    return p.call(f"train.{name}", **kwargs, as_="opt")


def model(p, initial_values):
    """The page's model for several variables: ``loss = x*5 - x*v1 - x*v2 ...`` (d loss / d v = -x)."""
    x = p.call("placeholder", p.api_value("float32"), [], as_="x")
    variables = [p.call("Variable", float(value), as_="v") for value in initial_values]
    loss = p.eval(f"{p.ref(x)} * 5.0" + "".join(f" - {p.ref(x)} * {p.ref(v)}" for v in variables), as_="loss")
    return x, variables, loss
