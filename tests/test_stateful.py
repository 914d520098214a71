"""The backend and the reference model, driven side by side through random programs: the suite's widest net.

Every rule is a verb of the API (new graph, make a graph the default, create / get / get_or_create in any call
form, a user-made step of any integer dtype, a train op from any optimizer and either entry point built under
any context, a session, setting the step, running a train op in one session of one graph, re-initialising) and
is done twice: through a ``Program`` on the backend and through a second ``Program`` on the reference (as
Hypothesis's own ``DatabaseComparison`` machine drives several databases). After every rule it compares, against
the model, every session's value of every graph's step and of the trained variables, and every collection's
membership. The test's clauses are the union of the rules' clauses. A failure prints the shrunk program twice:
as Hypothesis rule calls, and as backend code (the ``Reproduce with`` snippet of the failure message).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pytest
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, precondition, rule

from harness import assertions as ah
from harness import backends, profiles
from harness.outcomes import checking, clauses, machine_clauses
from harness.program import Program
from tests import scenarios as sc
from tests import strategies as gst

SIDES = ("real", "model")
#: Optimizers the machine trains with (every one: their update rules are compared against the model's).
OPTIMIZERS = list(gst.OPTIMIZERS)


@dataclass(eq=False)
class Both:
    """The same thing on both sides: ``real`` from the backend, ``model`` from the reference."""

    label: str
    real: object
    model: object

    def __repr__(self):  # how Hypothesis prints it in a falsifying program
        return self.label

    def on(self, side: str):
        return getattr(self, side)


@dataclass(eq=False, repr=False)
class Graph(Both):
    sessions: list = field(default_factory=list)  # Session records open on this graph


@dataclass(eq=False, repr=False)
class Session(Both):
    graph: Graph | None = None


@dataclass(eq=False, repr=False)
class TrainOp(Both):
    graph: Graph | None = None
    x: Both | None = None
    step: Both | None = None  # None: built without global_step
    entry: str = "minimize"
    optimizer: str = "GradientDescentOptimizer"
    trained: list = field(default_factory=list)


class GlobalStepMachine(RuleBasedStateMachine):
    graphs = Bundle("graphs")
    train_ops = Bundle("train_ops")

    def __init__(self, backend):
        super().__init__()
        self.p = {"real": Program(backend), "model": Program(backends.resolve("reference")[0])}
        self.all_graphs: list[Graph] = []
        self.known: list[Both] = []  # every step and trained variable seen, paired with the model's
        self.default: Graph | None = None  # the graph every call runs under (TF 2 needs one: notes §3)

    @property
    def real(self) -> Program:
        return self.p["real"]

    # -- set-up: two graphs, each with a step, a train op and a session; one run ---------------------------
    @initialize(target=graphs)
    def home_graph(self):
        """A default graph with a step, a train op and a session: with TF 2 every v1 call needs a graph."""
        self.default = self._new_graph()
        self._start(self.default)
        return self.default

    @initialize(target=graphs)
    def second_graph(self):
        """A second graph like the first, whose step must never move when the first graph trains."""
        graph = self._new_graph()
        self._start(graph)
        return graph

    def _start(self, graph):
        self._agree(self._both("step", lambda p, s: sc.call_with_graph(p, "get_or_create_global_step",
                                                                       graph.on(s), "omitted")))
        op = self._build(graph, "GradientDescentOptimizer", "minimize", True, 1, ())
        self._open(graph)
        self._run(op, graph.sessions[0], 1)

    # -- graphs -------------------------------------------------------------------------------------------
    @rule(target=graphs)
    def new_graph(self):
        return self._new_graph()

    @rule(graph=graphs)
    def make_default(self, graph):
        self.default = graph

    # -- the global-step functions ------------------------------------------------------------------------
    @rule(graph=graphs, form=gst.graph_forms, context=gst.lookup_contexts)
    @clauses("GS-IDEM-SAME-OBJECT", "GS-GRAPH-DEFAULT", "GS-GRAPH-ARG", "GS-GRAPH-DISTINCT")
    def get_or_create(self, graph, form, context):
        graph = self._target(graph, form)
        if context and self._finds(graph) is None and any(layer.reuse == "True" for layer in context):
            context = ()  # creating under reuse=True raises ValueError (notes §3): not a contract question
        self._agree(self._call("get_or_create_global_step", graph, form, context))

    @rule(graph=graphs, form=gst.graph_forms, context=gst.lookup_contexts)
    @clauses("GS-GET-NONE-FRESH", "GS-GET-FINDS-STEP", "GS-GET-GRAPH-ARG", "GS-GET-USER-STEP")
    def get(self, graph, form, context):
        self._agree(self._call("get_global_step", self._target(graph, form), form, context))

    @rule(graph=graphs, form=gst.graph_forms)
    @clauses("GS-CREATE-NEW", "GS-CREATE-EXISTS-RAISES")
    def create(self, graph, form):
        graph = self._target(graph, form)
        if self._finds(graph) is not None:  # the model says: refused
            args, kwargs = sc.graph_arguments(graph.real, form)
            with self.real.default(self.default.real if form in sc.EXPLICIT else graph.real):
                ah.assert_raises(self.real, ValueError, "train.create_global_step", *args, **kwargs)
            return
        self._agree(self._call("create_global_step", graph, form, ()))

    @precondition(lambda self: self._steps())
    @rule(data=st.data())
    @clauses("GS-ASSERT-ACCEPTS-STEP")
    def assert_step(self, data):
        step = data.draw(st.sampled_from(self._steps()), label="step")
        with self.real.default(self.default.real):
            ah.assert_accepts(self.real, TypeError, "train.assert_global_step", step.real)

    @rule(graph=graphs, step=gst.user_steps.filter(lambda s: s.also != "none"))
    @clauses("GS-GET-USER-STEP")
    def user_step(self, graph, step):
        if self._finds(graph) is not None or self._collection(graph, "model", "GLOBAL_STEP"):
            return  # a second entry in GLOBAL_STEP leaves no single step (observed clause GS-GET-MULTIPLE-NONE)
        mine = self._both("mine", lambda p, s: self._in(p, graph.on(s), lambda: sc.user_step(p, step)))
        mine.label, mine.graph, mine.kind = self.real.ref(mine.real), graph, "step"
        self.known.append(mine)
        self._initialise_new(graph)

    # -- training -----------------------------------------------------------------------------------------
    @rule(target=train_ops, graph=graphs, optimizer=st.sampled_from(OPTIMIZERS),
          entry=st.sampled_from(["minimize", "apply_gradients"]), with_step=st.booleans(),
          variables=st.integers(1, 3), context=gst.contexts(training=True))
    @clauses("GS-IDEM-SAME-OBJECT")
    def build_train_op(self, graph, optimizer, entry, with_step, variables, context):
        return self._build(graph, optimizer, entry, with_step, variables, context)

    @rule(graph=graphs)
    def open_session(self, graph):
        self._open(graph)

    @rule(data=st.data(), value=st.integers(0, 1000))
    def set_step(self, data, value):
        session = data.draw(st.sampled_from([s for g in self.all_graphs for s in g.sessions]), label="session")
        step = self._finds(session.graph)
        if step is None or gst.dtype_range(step.dtype.base_dtype.name)[1] < value:
            return
        pair = self._known(step)
        self._both("set_step", lambda p, s: self._in(p, session.graph.on(s), lambda: p.method(
            session.on(s), "run", p.method(pair.on(s), "assign", value, as_="set_step"))))

    @rule(op=train_ops, data=st.data(), times=st.integers(1, 3))
    def run(self, op, data, times):
        if not op.graph.sessions:
            self._open(op.graph)
        session = data.draw(st.sampled_from(op.graph.sessions), label="session")
        self._run(op, session, times)

    @rule(data=st.data())
    @clauses("GS-CREATE-FRESH-ZERO")
    def reinitialise(self, data):
        session = data.draw(st.sampled_from([s for g in self.all_graphs for s in g.sessions]), label="session")
        self._both("init", lambda p, s: self._in(p, session.graph.on(s), lambda: p.method(session.on(s), "run", [
            p.call("global_variables_initializer", as_="init"), p.call("local_variables_initializer", as_="init")])))
        self._compare_values(session.graph, session, "GS-CREATE-FRESH-ZERO")

    # -- invariants ---------------------------------------------------------------------------------------
    @invariant()
    @clauses("GS-IDEM-NO-GROWTH", "GS-CREATE-FRESH-COLLECTIONS")
    def collections_agree_with_the_model(self):
        """Every tracked step, variable and train op is in the same collections, as often, as in the model."""
        for graph in self.all_graphs:
            for key in (*sc.COUNTED, "TRAIN_OP"):
                members = {side: self._collection(graph, side, key) for side in SIDES}
                tracked = [k for k in self.known if k.graph is graph]
                tracked += [op for op in getattr(graph, "ops", ())]
                for item in tracked:
                    real = sum(m is item.real for m in members["real"])
                    model = sum(m is item.model for m in members["model"])
                    count = f"sum(m is {self._name(item)} for m in {self._name(graph)}.get_collection(" \
                            f"tf1.GraphKeys.{key}))"
                    ah.assert_equal(self.real, count, real, model)

    def teardown(self):
        for graph in self.all_graphs:
            for session in graph.sessions:
                session.real.close()

    # -- helpers ------------------------------------------------------------------------------------------
    def _both(self, label, make) -> Both:
        """``make(program, side)`` on each side; the real side is recorded in the failure snippet."""
        return Both(label, make(self.p["real"], "real"), make(self.p["model"], "model"))

    def _name(self, both: Both) -> str:
        """What the failure snippet (the real side's program) calls ``both``."""
        return self.real.ref(both.real)

    def _in(self, p, graph, thunk):
        with p.default(graph):
            return thunk()

    def _new_graph(self) -> Graph:
        label = f"g{len(self.all_graphs)}"
        graph = Graph(label, self.p["real"].call("Graph", as_=label), self.p["model"].call("Graph", as_=label))
        graph.ops = []
        self.all_graphs.append(graph)
        return graph

    def _target(self, graph, form):
        """The graph a call in ``form`` is about: the default one unless the graph is named."""
        return graph if form in sc.EXPLICIT else self.default

    def _call(self, function, graph, form, context) -> Both:
        return self._both("step", lambda p, s: sc.call_with_graph(
            p, function, graph.on(s), form, bystander=self.default.on(s), context=context))

    def _finds(self, graph):
        """The model's step of ``graph`` (None if it has none)."""
        with self.p["model"].quiet(), graph.model.as_default():
            return self.p["model"].backend.namespace.train.get_global_step(graph.model)

    def _known(self, model_object) -> Both | None:
        return next((k for k in self.known if k.model is model_object), None)

    def _collection(self, graph, side, key):
        p = self.p[side]
        with p.quiet():
            return p.method(graph.on(side), "get_collection", p.api_value(f"GraphKeys.{key}"))

    def _agree(self, found: Both) -> None:
        """The real result must be to the known real objects what the model's is to the model's."""
        if found.model is None:
            ah.assert_none(self.real, self.real.ref(found.real), found.real)
            return
        known = self._known(found.model)
        if known is not None:
            ah.assert_is(self.real, self.real.ref(found.real), found.real, known.real)
            return
        for other in self.known:  # the model made a new step: so must the backend
            ah.assert_is_not(self.real, self.real.ref(found.real), found.real, other.real)
        found.label, found.kind = self.real.ref(found.real), "step"
        found.graph = next(g for g in self.all_graphs if g.model is found.model.graph)
        self.known.append(found)
        self._initialise_new(found.graph)

    def _steps(self) -> list[Both]:
        return [k for k in self.known if k.kind == "step"]

    def _build(self, graph, optimizer, entry, with_step, variables, context) -> TrainOp:
        if not self.real.backend.has(f"train.{optimizer}"):  # optional optimizers are checked where provided
            optimizer = "GradientDescentOptimizer"
        step = self._finds(graph) if with_step else None
        if with_step and step is None:
            self._agree(self._call("get_or_create_global_step", graph, "keyword", ()))
            step = self._finds(graph)
        if step is not None and step.dtype.base_dtype.name != "int64" and optimizer in gst.TAKES_STEP:
            optimizer = "GradientDescentOptimizer"  # AdagradDA reads the step as int64
        pair = self._known(step) if step is not None else None
        if pair is None and optimizer in gst.TAKES_STEP:
            optimizer = "GradientDescentOptimizer"  # AdagradDA cannot be built without a step

        def build(p, s):
            with p.default(graph.on(s)):
                x = p.call("placeholder", p.api_value("float32"), [], as_="x")
                weights = [p.call("Variable", 1.0 + i, as_="w") for i in range(variables)]
                loss = p.eval(f"{p.ref(x)} * 5.0" + "".join(f" - {p.ref(x)} * {p.ref(w)}" for w in weights),
                              as_="loss")
                with sc.within(p, context, fed=x):
                    opt = sc.make_optimizer(p, p.backend, optimizer, pair.on(s) if pair else None)
                    global_step = {"global_step": pair.on(s)} if pair else {}
                    if entry == "minimize":
                        op = p.method(opt, "minimize", loss, var_list=weights, **global_step, as_="train_op")
                    else:
                        pairs = p.method(opt, "compute_gradients", loss, var_list=weights, as_="grads_and_vars")
                        op = p.method(opt, "apply_gradients", pairs, **global_step, as_="train_op")
            return op, x, weights

        (real_op, real_x, real_w), (model_op, model_x, model_w) = build(self.p["real"], "real"), build(
            self.p["model"], "model")
        trained = [Both(self.real.ref(r), r, m) for r, m in zip(real_w, model_w, strict=True)]
        for item in trained:
            item.graph, item.kind = graph, "variable"
        op = TrainOp(self.real.ref(real_op), real_op, model_op, graph=graph, x=Both("x", real_x, model_x),
                     step=pair, entry=entry, optimizer=optimizer, trained=trained)
        graph.ops.append(op)
        self.known.extend(trained)
        self._initialise_new(graph)
        return op

    def _open(self, graph) -> Session:
        session = Session(f"sess{sum(len(g.sessions) for g in self.all_graphs)}", None, None, graph=graph)
        for side in SIDES:
            p = self.p[side]
            with p.default(graph.on(side)):
                made = p.call("Session", graph=graph.on(side), as_="sess")
                p.method(made, "run", [p.call("global_variables_initializer", as_="init"),
                                       p.call("local_variables_initializer", as_="init")])
            setattr(session, side, made)
        session.ready = {side: {id(v) for v in self._variables(graph, side)} for side in SIDES}
        graph.sessions.append(session)
        return session

    def _variables(self, graph, side):
        p = self.p[side]
        with p.quiet(), p.default(graph.on(side)):
            return list(p.call("global_variables")) + list(p.call("local_variables"))

    def _initialise_new(self, graph) -> None:
        """Initialise, in every open session of ``graph``, the variables that appeared since it was opened."""
        for session in graph.sessions:
            for side in SIDES:
                p = self.p[side]
                new = [v for v in self._variables(graph, side) if id(v) not in session.ready[side]]
                if new:
                    with p.default(graph.on(side)):
                        with p.quiet():
                            names = tuple(p.attr(v, "name") for v in new)
                        # By name, so that the program also names the slot variables it never bound.
                        new = p.eval(f"[v for v in tf1.global_variables() + tf1.local_variables() if v.name in "
                                     f"{names!r}]", as_="new_variables")
                        p.method(session.on(side), "run", p.call("variables_initializer", new, as_="init"))
                    session.ready[side].update(id(v) for v in new)

    def _run(self, op: TrainOp, session: Session, times: int) -> None:
        clause = ("GS-APPLY-WITHOUT-STEP" if op.step is None else
                  "GS-APPLY-MINIMIZE-ADDS-ONE" if op.entry == "minimize" else "GS-APPLY-GRADIENTS-ADDS-ONE")
        for _ in range(times):
            before = self._values(op, session)
            for side in SIDES:
                p = self.p[side]
                with p.default(op.graph.on(side)):
                    p.method(session.on(side), "run", op.on(side), feed_dict={op.x.on(side): 1.0})
            self._compare_values(op.graph, session, clause)
            with checking("GS-APPLY-UPDATES-VARIABLES"):
                self._compare_variables(op, session, before)
            with checking("GS-GRAPH-INDEPENDENT"):
                for graph in self.all_graphs:
                    for other in graph.sessions:
                        if other is not session:
                            self._compare_values(graph, other, "GS-GRAPH-INDEPENDENT")

    def _compare_values(self, graph, session, clause) -> None:
        """Every step of ``graph`` reads in ``session`` what the model's reads."""
        with checking(clause):
            for step in [k for k in self._steps() if k.graph is graph]:
                with self.p["model"].quiet(), graph.model.as_default():
                    try:
                        expected = session.model.run(step.model)
                    except Exception:  # not initialised in this session on the model side: nothing to compare
                        continue
                with self.real.default(graph.real):
                    value = self.real.method(session.real, "run", step.real, as_="value")
                ah.assert_equal(self.real, f"{self._name(session)}.run({self._name(step)})", sc.plain(value),
                                sc.plain(expected))

    def _values(self, op: TrainOp, session: Session) -> dict:
        with self.real.quiet(), self.real.default(op.graph.real):
            return {side: [float(self.p[side].method(session.on(side), "run", v.on(side))) for v in op.trained]
                    for side in SIDES}

    def _compare_variables(self, op: TrainOp, session: Session, before: dict) -> None:
        """GradientDescent's values equal the model's; any optimizer changes a variable exactly when it does."""
        after = self._values(op, session)
        for i, variable in enumerate(op.trained):
            value, expected = after["real"][i], after["model"][i]
            if op.optimizer == "GradientDescentOptimizer":
                if not np.isclose(value, expected, rtol=1e-4, atol=1e-5):
                    ah.assert_equal(self.real, f"{self._name(session)}.run({self._name(variable)})", value, expected)
            elif (value != before["real"][i]) != (expected != before["model"][i]):
                changed = f"{self._name(session)}.run({self._name(variable)}) != {sc.plain(before['real'][i])!r}"
                ah.assert_equal(self.real, changed,
                                value != before["real"][i], expected != before["model"][i])


#: The clauses the machine checks: the union of its rules' and invariants' clauses.
CLAUSES = machine_clauses(GlobalStepMachine, "GS-APPLY-MINIMIZE-ADDS-ONE", "GS-APPLY-GRADIENTS-ADDS-ONE",
                          "GS-APPLY-WITHOUT-STEP", "GS-APPLY-UPDATES-VARIABLES", "GS-GRAPH-INDEPENDENT")


@pytest.mark.clause(*CLAUSES)
@pytest.mark.slow
def test_backend_agrees_with_the_reference_model(backend):
    """Random programs of global-step calls, sessions and training runs behave as the model does."""
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(lambda: GlobalStepMachine(backend), settings=profiles.stateful(2, 25))

