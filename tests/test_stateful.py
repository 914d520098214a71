"""The backend and the reference model, driven side by side through random programs.

Rules are the verbs of the API (new graph, make a graph the default, create, get, get_or_create, assert, build
a train op, run it); after every step the invariants check that each graph has at most one step and that every
step reads what the model says. A failure prints the shrunk program twice: as Hypothesis rule calls, and as
backend code (the ``Reproduce with`` snippet of the failure message).
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, precondition, rule

import impls.reference as model_tf
from harness import assertions as ah
from harness.outcomes import checking
from harness.profiles import fewer_examples
from harness.program import Program


class Pair:
    """The same object on both sides: ``real`` from the backend, ``model`` from the reference."""

    def __init__(self, label, real, model):
        self.label, self.real, self.model = label, real, model

    def __repr__(self):  # how Hypothesis prints it in a falsifying program
        return self.label


class GlobalStepMachine(RuleBasedStateMachine):
    graphs = Bundle("graphs")
    train_ops = Bundle("train_ops")

    def __init__(self, backend):
        super().__init__()
        self.p = Program(backend)
        self.all_graphs: list[Pair] = []
        self.steps: list[Pair] = []  # every step seen, paired with the model's
        self.sessions: dict[int, Pair] = {}  # graph index -> its session on each side
        self.ready: dict[tuple[str, int], set[int]] = {}  # (side, graph index) -> ids of initialised variables
        self.default: Pair | None = None  # the graph every call runs under (TF 2 needs one: notes §3)

    # -- graphs -------------------------------------------------------------------------------------------
    @initialize(target=graphs)
    def home_graph(self):
        """Start with a default graph: with TF 2 every v1 call must run inside one."""
        self.default = self._new_graph()
        return self.default

    @rule(target=graphs)
    def new_graph(self):
        return self._new_graph()

    @rule(graph=graphs)
    def make_default(self, graph):
        self.default = graph

    # -- the global-step functions ------------------------------------------------------------------------
    @rule(graph=graphs)
    @checking("GS-IDEM-SAME-OBJECT", "GS-GRAPH-ARG", "GS-GRAPH-DISTINCT")
    def get_or_create(self, graph):
        self._agree(*self._call_both("get_or_create_global_step", graph), graph)

    @rule()
    @checking("GS-IDEM-SAME-OBJECT", "GS-GRAPH-DEFAULT", "GS-GRAPH-DISTINCT")
    def get_or_create_in_default(self):
        self._agree(*self._call_both("get_or_create_global_step"), self.default)

    @rule(graph=graphs)
    @checking("GS-GET-NONE-FRESH", "GS-GET-FINDS-STEP", "GS-GET-GRAPH-ARG")
    def get(self, graph):
        self._agree(*self._call_both("get_global_step", graph), graph)

    @rule(graph=graphs)
    @checking("GS-CREATE-NEW", "GS-CREATE-EXISTS-RAISES")
    def create(self, graph):
        if model_tf.train.get_global_step(graph=graph.model) is not None:  # the model says: refused
            with self._in_default("real"):
                ah.assert_raises(self.p, ValueError, "train.create_global_step", graph=graph.real)
            return
        self._agree(*self._call_both("create_global_step", graph), graph)

    @precondition(lambda self: self.steps)
    @rule(data=st.data())
    @checking("GS-ASSERT-ACCEPTS-STEP")
    def assert_step(self, data):
        step = data.draw(st.sampled_from(self.steps), label="step")
        with self._in_default("real"):
            ah.assert_accepts(self.p, TypeError, "train.assert_global_step", step.real)

    # -- training -----------------------------------------------------------------------------------------
    @rule(target=train_ops, graph=graphs, with_step=st.booleans(), variables=st.integers(1, 3))
    @checking("GS-IDEM-SAME-OBJECT")
    def build_train_op(self, graph, with_step, variables):
        sides = []
        for side, tf1 in (("real", None), ("model", model_tf)):
            with self._default_of(graph, side):
                sides.append(self._build(side, tf1, graph, with_step, variables))
        real_op, model_op = sides
        if with_step:
            self._agree(real_op[1], model_op[1], graph)
        self._initialise(graph)
        return Pair("train_op", real_op, model_op)

    @rule(op=train_ops, times=st.integers(1, 3))
    def run(self, op, times):
        graph = op.real[3]
        sessions = self.sessions[graph]
        (real_op, _, real_x, _), (model_op, _, model_x, _) = op.real, op.model
        for _ in range(times):
            self.p.method(sessions.real, "run", real_op, feed_dict={real_x: 1.0})
            sessions.model.run(model_op, feed_dict={model_x: 1.0})

    # -- invariants ---------------------------------------------------------------------------------------
    @invariant()
    @checking("GS-IDEM-NO-GROWTH")
    def at_most_one_step_per_graph(self):
        key = self.p.api_value("GraphKeys.GLOBAL_STEP")
        for graph in self.all_graphs:
            with self.p.quiet():
                members = self.p.method(graph.real, "get_collection", key, as_="members")
            expected = len(graph.model.get_collection(model_tf.GraphKeys.GLOBAL_STEP))
            ah.assert_equal(self.p, f"len({graph.label}.get_collection('global_step'))", len(members), expected)

    @invariant()
    @checking("GS-APPLY-MINIMIZE-ADDS-ONE", "GS-APPLY-WITHOUT-STEP", "GS-GRAPH-INDEPENDENT")
    def steps_agree_with_the_model(self):
        for step in self.steps:
            index = self.all_graphs.index(step.graph)
            if id(step.real) not in self.ready.get(("real", index), ()):
                continue
            sessions = self.sessions[index]
            with self.p.quiet(), self._default_of(step.graph, "real"):
                real = self.p.method(sessions.real, "run", step.real, as_="value")
            ah.assert_equal(self.p, f"sess.run({step.label})", real, sessions.model.run(step.model))

    def teardown(self):
        for sessions in self.sessions.values():
            sessions.real.close()

    # -- helpers ------------------------------------------------------------------------------------------
    def _new_graph(self) -> Pair:
        label = f"g{len(self.all_graphs)}"
        graph = Pair(label, self.p.call("Graph", as_=label), model_tf.Graph())
        self.all_graphs.append(graph)
        return graph

    def _call_both(self, function: str, graph: Pair | None = None):
        """``tf1.train.<function>([graph=...])`` on both sides, under the default graph; (real, model)."""
        with self._in_default("real"):
            real = self.p.call(f"train.{function}", **({"graph": graph.real} if graph else {}), as_="step")
        with self._in_default("model"):
            model = getattr(model_tf.train, function)(**({"graph": graph.model} if graph else {}))
        return real, model

    def _in_default(self, side: str):
        return self._default_of(self.default, side)

    @contextlib.contextmanager
    def _default_of(self, graph: Pair, side: str):
        if side == "real":
            with self.p.default(graph.real):
                yield
        else:
            with graph.model.as_default():
                yield

    def _agree(self, real, model, graph: Pair) -> None:
        """``real`` must be to the known real steps what ``model`` is to the model's steps."""
        if model is None:
            ah.assert_none(self.p, self.p.ref(real), real)
            return
        known = next((s for s in self.steps if s.model is model), None)
        if known is not None:
            ah.assert_is(self.p, self.p.ref(real), real, known.real)
            return
        for other in self.steps:  # the model made a new step: so must the backend
            ah.assert_is_not(self.p, self.p.ref(real), real, other.real)
        pair = Pair(self.p.ref(real), real, model)
        pair.graph = graph
        self.steps.append(pair)
        self._initialise(graph)

    def _build(self, side, tf1, graph, with_step, variables):
        if side == "real":
            p = self.p
            x = p.call("placeholder", p.api_value("float32"), [], as_="x")
            weights = [p.call("Variable", 1.0, as_="w") for _ in range(variables)]
            loss = p.eval(f"{p.ref(x)} * 5.0" + "".join(f" - {p.ref(x)} * {p.ref(w)}" for w in weights), as_="loss")
            step = p.call("train.get_or_create_global_step", as_="step") if with_step else None
            opt = p.call("train.GradientDescentOptimizer", 0.1, as_="opt")
            op = p.method(opt, "minimize", loss, global_step=step, var_list=weights, as_="train_op")
        else:
            x = tf1.placeholder(tf1.float32, [])
            weights = [tf1.Variable(1.0) for _ in range(variables)]
            loss = x * 5.0
            for w in weights:
                loss = loss - x * w
            step = tf1.train.get_or_create_global_step() if with_step else None
            op = tf1.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=step, var_list=weights)
        return op, step, x, self.all_graphs.index(graph)

    def _initialise(self, graph: Pair) -> None:
        """Give ``graph`` sessions (once) and initialise the variables that appeared since last time."""
        index = self.all_graphs.index(graph)
        with self._default_of(graph, "real"):
            if index not in self.sessions:
                self.sessions[index] = Pair(f"sess{index}", self.p.call("Session", graph=graph.real, as_="sess"),
                                            model_tf.Session(graph=graph.model))
            ready = self.ready.setdefault(("real", index), set())
            new = [v for v in self.p.call("global_variables", as_="variables") if id(v) not in ready]
            if new:
                self.p.method(self.sessions[index].real, "run", self.p.call("variables_initializer", new, as_="init"))
                ready.update(id(v) for v in new)
        with graph.model.as_default():
            ready = self.ready.setdefault(("model", index), set())
            new = [v for v in model_tf.global_variables() if id(v) not in ready]
            if new:
                self.sessions[index].model.run(model_tf.variables_initializer(new))
                ready.update(id(v) for v in new)


@pytest.mark.clause("GS-IDEM-SAME-OBJECT", "GS-IDEM-NO-GROWTH", "GS-GRAPH-DEFAULT", "GS-GRAPH-ARG", "GS-GRAPH-DISTINCT",
                    "GS-GRAPH-INDEPENDENT", "GS-GET-NONE-FRESH", "GS-GET-FINDS-STEP", "GS-GET-GRAPH-ARG",
                    "GS-CREATE-NEW", "GS-CREATE-EXISTS-RAISES", "GS-ASSERT-ACCEPTS-STEP",
                    "GS-APPLY-MINIMIZE-ADDS-ONE", "GS-APPLY-WITHOUT-STEP")
def test_backend_agrees_with_the_reference_model(backend):
    """Random programs of global-step calls and training runs behave as the model does."""
    from hypothesis.stateful import run_state_machine_as_test

    settings = fewer_examples(2)
    run_state_machine_as_test(lambda: GlobalStepMachine(backend),
                              settings=settings.__class__(settings, stateful_step_count=25))
