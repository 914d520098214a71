"""Small builders the tests share: a fresh graph with a step, a trainable model, an initialised session.

Each takes the test's Program, so whatever it builds shows up in a failure's reproduction snippet.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil

import numpy as np
import pytest

from tests import strategies as gst


def plain(value):
    """A fetched value as plain Python (``np.int64(3)`` -> 3, an array -> a list), for comparisons that must not
    crash when a backend returns the wrong shape."""
    return np.asarray(value).tolist()


def new_graph(p, name: str = "g", *, state=None):
    """``g = tf1.Graph()``, or an instance of a user's subclass ``MyGraph(tf1.Graph)`` when ``state`` (a
    gst.GraphState) says ``subclass``."""
    if state is None or not state.subclass:
        return p.call("Graph", as_=name)
    p.define_once('class MyGraph(tf1.Graph):\n  """A user\'s Graph: nothing changed."""\n', "MyGraph")
    return p.eval("MyGraph()", as_=name)


@contextlib.contextmanager
def temporary_path(p, name: str, basename: str):
    """``<name> = os.path.join(tempfile.mkdtemp(), "<basename>")`` in the program (a path for files the backend
    writes: checkpoints, a meta graph); the folder is removed afterwards."""
    path = p.define(f'import os, tempfile\n{name} = os.path.join(tempfile.mkdtemp(), "{basename}")', name)
    try:
        yield path
    finally:
        shutil.rmtree(os.path.dirname(path), ignore_errors=True)


def create_step(p, graph, creator: str = "get_or_create_global_step"):
    """Create the step of ``graph`` with ``creator`` while ``graph`` is the default."""
    with p.default(graph):
        return p.call(f"train.{creator}", as_="step")


@contextlib.contextmanager
def session(p, graph):
    """An initialised ``tf1.Session(graph=graph)``; build everything in ``graph`` before entering."""
    with p.default(graph):
        init = p.call("global_variables_initializer", as_="init")
        local_init = p.call("local_variables_initializer", as_="local_init")
        sess = p.call("Session", graph=graph, as_="sess")
        p.method(sess, "run", [init, local_init])
        try:
            yield sess
        finally:
            sess.close()


def make_optimizer(p, backend, name: str, step=None, making: gst.Making | None = None):
    """``tf1.train.<name>(**args)`` made as ``making`` says (gst.Making); skips an optional optimizer the backend
    lacks (required ones fail)."""
    user = name in gst.USER_OPTIMIZERS
    if not user and name not in gst.REQUIRED_OPTIMIZERS and not backend.has(f"train.{name}"):
        pytest.skip(f"backend {backend.name!r} has no tf1.train.{name} (optional: checked where provided)")
    kwargs = dict(gst.OPTIMIZERS[name])
    if name in gst.TAKES_STEP:
        kwargs["global_step"] = step
    if making is not None:
        rate = kwargs["learning_rate"] if making.rate_value is None else making.rate_value
        kwargs["learning_rate"] = learning_rate(p, making.rate, rate)
        kwargs.update(gst.TUNED.get(name, {}) if making.tuned else {})
        kwargs.update({"use_locking": True} if making.locking else {})
        kwargs.update({"name": making.name} if making.name else {})
    if user:  # the user's class, written into the program once
        p.define_once(gst.USER_OPTIMIZERS[name], name)
        return p.eval(f"{name}({p.arguments((), kwargs)})", as_="opt")
    return p.call(f"train.{name}", **kwargs, as_="opt")


def learning_rate(p, kind: str, value: float):
    """``value`` as gst.RATE_KINDS says: a float, a constant tensor, a non-trainable variable, or a callable."""
    if kind == "tensor":
        return p.call("constant", value, as_="rate")
    if kind == "variable":
        return p.call("Variable", value, trainable=False, name="learning_rate", as_="rate")
    if kind == "callable":
        return p.eval(f"lambda: {value!r}", as_="rate")
    return value


def trained_variable(p, value: float, making: gst.Making, index: int, as_: str = "v"):
    """A trained scalar variable of ``making.dtype(index)``, made as ``making.maker`` says (gst.MAKERS)."""
    dtype = p.api_value(making.dtype(index))
    if making.maker == "get_variable":
        return p.call("get_variable", f"trained_{index}", shape=[], dtype=dtype,
                      initializer=p.call("constant_initializer", float(value), as_="init_value"), trainable=True,
                      collections=[p.api_value("GraphKeys.GLOBAL_VARIABLES")], validate_shape=True,
                      use_resource=index % 2 == 0, synchronization=p.api_value("VariableSynchronization.AUTO"),
                      aggregation=p.api_value("VariableAggregation.MEAN"),
                      custom_getter=p.eval("lambda getter, *args, **kwargs: getter(*args, **kwargs)", as_="getter"),
                      regularizer=p.eval("lambda t: tf1.reduce_sum(t) * 0.0", as_="regularizer"),
                      **cached_or_constrained(p, index), as_=as_)
    if making.maker == "options":
        return p.call("Variable", float(value), dtype=dtype, shape=[], expected_shape=[], validate_shape=True,
                      caching_device="/cpu:0",
                      synchronization=p.api_value("VariableSynchronization.ON_WRITE"),
                      aggregation=p.api_value("VariableAggregation.SUM"), as_=as_)
    options = {}
    if making.maker == "ref":
        options = {"use_resource": False}
    elif making.maker == "constraint":
        options = {"constraint": p.eval("lambda t: tf1.clip_by_value(t, -1e9, 1e9)", as_="clip")}
    return p.call("Variable", float(value), dtype=dtype, **options, as_=as_)


def cached_or_constrained(p, index: int) -> dict:
    """get_variable's ``caching_device`` or its ``constraint``, by turns: not both. TensorFlow 2.21 applies the
    constraint to the cached read from before the update, which undoes the update (measured: a GradientDescent run
    leaves such a variable where it was, and still counts); that is TensorFlow's bug in the variable, not the
    step's contract."""
    if index % 2:
        return {"constraint": p.eval("lambda t: tf1.clip_by_value(t, -1e9, 1e9)", as_="clip")}
    return {"caching_device": "/cpu:0"}


def model(p, initial_values):
    """The page's model for several variables: ``loss = x*5 - x*v1 - x*v2 ...`` (d loss / d v = -x)."""
    x = p.call("placeholder", p.api_value("float32"), [], as_="x")
    variables = [p.call("Variable", float(value), as_="v") for value in initial_values]
    loss = p.eval(f"{p.ref(x)} * 5.0" + "".join(f" - {p.ref(x)} * {p.ref(v)}" for v in variables), as_="loss")
    return x, variables, loss


# -- call forms and contexts (tests/strategies.py draws them) ------------------------------------------------
def call_with_graph(p, function: str, graph, form: str, *, bystander=None, context=(), dependencies=None,
                    as_: str = "step"):
    """``tf1.train.<function>`` for ``graph``, with ``graph`` passed as ``form`` says (gst.GRAPH_FORMS).

    ``omitted`` and ``none`` call it with ``graph`` as the default graph; ``keyword`` and ``positional`` name
    the graph while ``bystander`` (a new graph when not given) is the default. The call is made inside
    ``context`` (gst.Layer blocks, entered in the default graph; see ``within`` for ``dependencies``).
    """
    explicit = form in EXPLICIT
    default = graph if not explicit else bystander if bystander is not None else new_graph(p, "bystander")
    args, kwargs = graph_arguments(graph, form)
    with p.default(default), within(p, context, dependencies):
        return p.call(f"train.{function}", *args, **kwargs, as_=as_)


#: The graph forms that name the graph (the others rely on it being the default).
EXPLICIT = ("keyword", "positional")


def graph_arguments(graph, form: str) -> tuple[tuple, dict]:
    """The ``(args, kwargs)`` that pass ``graph`` as ``form`` says: ``(g,)``, ``graph=g``, ``graph=None`` or none."""
    return {"positional": ((graph,), {}), "keyword": ((), {"graph": graph}), "none": ((), {"graph": None}),
            "omitted": ((), {})}[form]


def unfed(p):
    """A placeholder that no run feeds: running anything that depends on it fails."""
    return p.call("placeholder", p.api_value("float32"), [], name="unfed", as_="unfed")


def dependencies(p, graphs) -> dict:
    """An unfed placeholder in each of ``graphs``, for control_dependencies layers (made up front, so a test
    that counts operations does not count them)."""
    made = {}
    for graph in graphs:
        with p.default(graph):
            made[id(graph)] = unfed(p)
    return made


@contextlib.contextmanager
def within(p, context, dependencies=None, fed=None):
    """Enter each ``gst.Layer`` of ``context`` in the default graph, outermost first.

    A control_dependencies layer depends on ``fed`` when given (a tensor every run of what is built inside
    feeds: the model's input), else on ``dependencies[id(default graph)]``, else on a new unfed placeholder.
    So a step created inside must not carry the dependency into its initializer: TensorFlow creates variables
    outside any control dependencies (``init_scope``), and initialising them feeds nothing.
    """
    with contextlib.ExitStack() as stack:
        for layer in context:
            if layer.kind in ("control_dependencies", "session"):
                with p.quiet():
                    graph = p.call("get_default_graph")
            if layer.kind == "control_dependencies":
                dependency = fed if fed is not None else (dependencies or {}).get(id(graph))
                if dependency is None:
                    dependency = unfed(p)
                stack.enter_context(p.within("control_dependencies", [dependency]))
            elif layer.kind == "session":  # another graph's session as the default session
                elsewhere = p.call("Session", graph=p.call("Graph", as_="elsewhere"), as_="elsewhere_sess")
                stack.callback(elsewhere.close)
                stack.enter_context(p.default(elsewhere))
                stack.enter_context(p.default(graph))  # as_default of a session leaves the default graph alone
            elif layer.kind == "variable_scope":
                reuse = {None: {}, "True": {"reuse": True}, "AUTO_REUSE": {"reuse": p.api_value("AUTO_REUSE")}}
                ones = {"initializer": p.call("ones_initializer", as_="ones")} if layer.ones else {}
                dtype = {"dtype": p.api_value(layer.dtype)} if layer.dtype else {}
                ref = {"use_resource": False} if layer.ref else {}
                parts = {"partitioner": p.call("fixed_size_partitioner", 2, as_="partitioner")} \
                    if layer.partitioned else {}
                wrapped = {"custom_getter": p.eval("lambda getter, *args, **kwargs: getter(*args, **kwargs)",
                                                   as_="getter"),
                           "regularizer": p.eval("lambda t: tf1.reduce_sum(tf1.cast(t, tf1.float32)) * 0.0",
                                                 as_="regularizer")} if layer.wrapped else {}
                stack.enter_context(p.within("variable_scope", layer.name, **reuse[layer.reuse], **ones, **dtype,
                                             **ref, **parts, **wrapped))
            elif layer.kind == "strategy":
                strategy = (p.call("distribute.get_strategy", as_="strategy") if layer.name == "default" else
                            p.call("distribute.OneDeviceStrategy", "/cpu:0", as_="strategy"))
                stack.enter_context(p.entering(strategy, "scope"))
            else:
                stack.enter_context(p.within(layer.kind, layer.name))
        yield


def populate(p, graph, state) -> list:
    """Fill ``graph`` as ``state`` (a gst.GraphState) says; return the other graphs it asks for."""
    with p.default(graph):
        for i in range(state.variables):
            p.call("Variable", float(i), name=f"weight_{i}", as_="weight")
        for i in range(state.constants):
            p.call("constant", i, name=f"const_{i}", as_="const")
        if state.decoys:  # names a careless lookup of `global_step:0` would match
            with p.within("name_scope", "eval"):
                p.call("Variable", 0, dtype=p.api_value("int64"), name="global_step", trainable=False, as_="decoy")
            p.call("constant", 0, dtype=p.api_value("int64"), name="global_step_1", as_="decoy")
            p.call("constant", 0, dtype=p.api_value("int64"), name="my_global_step", as_="decoy")
        if state.counter:
            epoch = p.call("Variable", 0, dtype=p.api_value("int64"), name="epoch", trainable=False, as_="epoch")
            weight = p.call("Variable", 1.0, name="w", as_="w")
            opt = p.call("train.GradientDescentOptimizer", 0.1, as_="epoch_opt")
            p.method(opt, "minimize", p.eval(f"{p.ref(weight)} * 2.0", as_="epoch_loss"), global_step=epoch,
                     as_="epoch_op")
    return [new_graph(p, "other") for _ in range(state.others)]


def user_step(p, step, value=0):
    """A step the user made, as ``step`` (a gst.UserStep) says: ``tf1.Variable(value, dtype=..., ...)``."""
    keys = [f"GraphKeys.{step.also}"] if step.also != "none" else []
    keys += ["GraphKeys.GLOBAL_STEP"] if step.in_collection else []
    if step.trainable:
        keys.append("GraphKeys.TRAINABLE_VARIABLES")
    kind = {"use_resource": False} if step.ref else {}
    return p.call("Variable", value, dtype=p.api_value(step.dtype), name=step.name, trainable=step.trainable,
                  collections=[p.api_value(key) for key in keys], **kind, as_="mine")


def make_step(p, step=None):
    """The library's step (``get_or_create_global_step()``) when ``step`` is None, else that gst.UserStep."""
    return p.call("train.get_or_create_global_step", as_="step") if step is None else user_step(p, step)


#: Collections the census always counts, present or not (a defect may add the step to any of them).
COUNTED = ("GLOBAL_VARIABLES", "GLOBAL_STEP", "TRAINABLE_VARIABLES", "LOCAL_VARIABLES", "MODEL_VARIABLES")


def collection_keys(p, graph) -> list[str]:
    """The COUNTED collections and every other collection ``graph`` has, sorted."""
    with p.quiet():
        keys = {str(p.api_value(f"GraphKeys.{key}")) for key in COUNTED}
        return sorted(keys | set(map(str, p.method(graph, "get_all_collection_keys"))))


def census(p, graph) -> dict[str, int]:
    """How much ``graph`` holds: its operations, and the size of each of its collections.

    The keys are the expressions that count them in the program, so ``census_expr`` turns a census back into code.
    """
    g = p.ref(graph)
    with p.quiet():
        counts = {f"len({g}.get_collection({key!r}))": len(p.method(graph, "get_collection", key))
                  for key in collection_keys(p, graph)}
        counts[f"len({g}.get_operations())"] = len(p.method(graph, "get_operations"))
    return counts


def census_expr(counts: dict[str, int]) -> str:
    """The Python expression that takes the census ``counts`` again: ``{"len(g.get_operations())": len(...), ...}``."""
    return "{" + ", ".join(f"{key!r}: {key}" for key in counts) + "}"


# -- training ------------------------------------------------------------------------------------------------
@dataclasses.dataclass
class Built:
    """A graph with a train op, as build_training made it."""

    graph: object
    x: object
    trained: list
    step: object
    op: object
    init_ops: list
    start_op: object
    other_op: object = None  # a second train op on the same step, run on every second run
    other_var: object = None  # the variable other_op trains
    left_out: object = None  # a variable the loss uses and var_list leaves out
    moving: object = None  # a variable only an UPDATE_OPS entry changes
    #: counters no run may move: the library's step beside a user step, the counter of a head never run
    untouched: list = dataclasses.field(default_factory=list)

    @property
    def watched(self) -> list:
        """Every variable whose value a run may or may not change: trained, the second op's, left out, moving."""
        return [*self.trained, *(v for v in (self.other_var, self.left_out, self.moving) if v is not None)]

    def runs_other(self, run: int) -> bool:
        """Whether run ``run`` (1, 2, ...) runs the second op: every second run, when there is one."""
        return self.other_op is not None and run % 2 == 0

    def trains(self, run: int) -> set[int]:
        """The indexes into ``watched`` of the variables that run ``run`` changes (non-zero gradients): by the
        run, not by the op object, so a backend that returns the first op for the second is caught."""
        return {len(self.trained)} if self.runs_other(run) else set(range(len(self.trained)))

    def op_for_run(self, run: int):
        """The train op of run ``run`` (1, 2, ...)."""
        return self.other_op if self.runs_other(run) else self.op

    def start(self, p, sess, *, assign: bool = True) -> None:
        """Initialise the step in ``sess`` if no collection does, and set it to its starting value."""
        for op in self.init_ops:
            p.method(sess, "run", op)
        if assign and self.start_op is not None:
            p.method(sess, "run", self.start_op)


def build_training(p, backend, training, *, with_step: bool = True, left_out: bool = False) -> Built:
    """A graph with a model, a step and a train op built as ``training`` (a gst.Training) says.

    ``with_step=False`` builds the op without ``global_step`` (the step still exists and is started);
    ``left_out=True`` adds to the loss a variable that var_list leaves out (``Built.left_out``).
    """
    g = new_graph(p)
    with p.default(g):
        x = p.call("placeholder", p.api_value("float32"), [], as_="x")
        registered = p.call("train.get_or_create_global_step", as_="registered") if training.registered else None
        step = make_step(p, training.step)
        init_ops = [p.attr(step, "initializer")] if training.step and training.step.also == "none" else []
        start_op = p.method(step, "assign", training.start, as_="set_start") if training.start else None
        head_counter = None
        if training.reused:  # one optimizer, two heads: the first built before the second's variables exist,
            # counting into a counter of its own: the optimizer must not keep it for the train ops built later
            opt = make_optimizer(p, backend, training.optimizer, step, training.making)
            head = p.call("Variable", 1.0, as_="head")
            head_counter = p.call("Variable", 0, dtype=p.api_value("int64"), trainable=False, name="head_step",
                                  as_="head_step")
            p.method(opt, "minimize", p.eval(f"{p.ref(x)} * {p.ref(head)}", as_="head_loss"),
                     global_step=head_counter, as_="head_op")
        trained, loss, hand = _model(p, x, training)
        moving = None
        if training.update_ops:
            moving = p.call("Variable", 0.0, trainable=False, name="moving_mean", as_="moving")
            p.call("add_to_collection", p.api_value("GraphKeys.UPDATE_OPS"),
                   p.method(moving, "assign_add", 1.0, as_="update_moving"))
        if left_out:
            outside = p.call("Variable", 2.0, as_="left_out")
            loss = p.eval(f"{p.ref(loss)} - {p.ref(x)} * {p.ref(outside)}", as_="loss")
        unused = [p.call("Variable", 0.5, as_="unused")] if training.gradients == "unused-variable" else []
        var_list, grads = trained + unused, hand + [None] * len(unused)
        if training.unused_first:
            var_list, grads = var_list[::-1], grads[::-1]
        with within(p, training.context, fed=x):
            if not training.reused:
                opt = make_optimizer(p, backend, training.optimizer, step, training.making)
            op = _entry(p, opt, loss, step if with_step else None, var_list, grads, training)
        other_op = other_var = None
        if training.shared:  # a second train op on the same step, training a variable of its own
            other = (opt if training.shared == "the same optimizer"
                     else p.call("train.GradientDescentOptimizer", 0.1, as_="other_opt"))
            other_var = p.call("Variable", 1.0, as_="other_v")
            other_loss = p.eval(f"{p.ref(x)} * {p.ref(other_var)}", as_="other_loss")
            other_op = p.method(other, "minimize", other_loss, global_step=step if with_step else None,
                                var_list=[other_var], as_="other_op")
    return Built(g, x, trained, step, op, init_ops, start_op, other_op, other_var,
                 left_out=outside if left_out else None, moving=moving,
                 untouched=[counter for counter in (registered, head_counter) if counter is not None])


def _model(p, x, training):
    """Trained variables, the loss, and hand-built gradients (d loss / d v) for ``training.gradients``.

    Each dense variable has the dtype and the kind ``training.making`` says; its term of the loss is computed in
    its dtype and cast to float32 (so one loss trains variables of several dtypes: "mixed dtypes in one call")."""
    if training.gradients.startswith("sparse"):
        table = p.call("Variable", [float(v) for v in training.initial], as_="table")
        indices = [0, len(training.initial) - 1, 0]
        lookup = "gather" if training.gradients == "sparse-gather" else "nn.embedding_lookup"
        rows = p.call(lookup, table, indices, as_="rows")
        loss = p.eval(f"{p.ref(x)} * tf1.reduce_sum({p.ref(rows)})", as_="loss")
        counts = [float(indices.count(i)) for i in range(len(training.initial))]
        grad = p.eval(f"{p.ref(x)} * tf1.constant({counts})", as_="grad")
        return [table], loss, [grad]
    making = training.making
    variables, terms, hand = [], [], []
    for i, value in enumerate(training.initial):
        dtype = making.dtype(i)
        if making.maker == "partitioned":  # its two parts are trained; the loss reads the whole
            whole = p.call("get_variable", f"trained_{i}", shape=[2], dtype=p.api_value(dtype),
                           initializer=p.call("constant_initializer", float(value), as_="init_value"),
                           partitioner=p.call("fixed_size_partitioner", 2, as_="partitioner"), as_="whole")
            parts = [p.eval(f"list({p.ref(whole)})[{k}]", as_="part") for k in range(2)]
            read, grad = f"tf1.reduce_sum({p.ref(whole)})", f"{p.ref(x)} * tf1.constant([-1.0])"
        else:
            parts = [trained_variable(p, value, making, i)]
            read, grad = p.ref(parts[0]), f"{p.ref(x)} * -1.0"
        variables += parts
        terms.append(f" - {p.ref(x)} * {read}" if dtype == "float32" else
                     f" - tf1.cast(tf1.cast({p.ref(x)}, tf1.{dtype}) * {read}, tf1.float32)")
        hand += [p.eval(grad if dtype == "float32" else f"tf1.cast({grad}, tf1.{dtype})", as_="grad") for _ in parts]
    loss = p.eval(f"{p.ref(x)} * 5.0" + "".join(terms), as_="loss")
    return variables, loss, hand


#: The grad_loss the tests pass: d total / d loss, so every gradient computed from the loss is doubled.
GRAD_LOSS = 2.0


def gradient_scale(training) -> float:
    """How much ``training``'s gradients are scaled by grad_loss (hand-built pairs never see it)."""
    return GRAD_LOSS if training.making.grad_loss and training.form != "hand-built" else 1.0


def _entry(p, opt, loss, step, var_list, hand, training):
    """``opt.minimize`` or ``opt.apply_gradients`` called in ``training.form``; with ``making.grad_loss``,
    minimize and compute_gradients get ``grad_loss=tf1.constant(GRAD_LOSS)`` (d total / d loss: every gradient
    times GRAD_LOSS; see ``gradient_scale``)."""
    named = {"name": training.name} if training.name else {}
    named_grad = {"grad_loss": p.call("constant", GRAD_LOSS, as_="grad_loss")} if training.making.grad_loss else {}
    if step is None:  # built without global_step: every form, with the step left out
        if training.entry == "minimize":
            return p.method(opt, "minimize", loss, var_list=var_list, **named, as_="train_op")
        pairs = p.method(opt, "compute_gradients", loss, var_list=var_list, as_="grads_and_vars")
        explicit = {"global_step": None} if training.form != "compute-gradients" else {}  # None said, or left out
        return p.method(opt, "apply_gradients", pairs, **explicit, **named, as_="train_op")
    if training.entry == "minimize":
        extra = {"gate-none": {"gate_gradients": p.api_value("train.Optimizer.GATE_NONE")},
                 "gate-graph": {"gate_gradients": p.api_value("train.Optimizer.GATE_GRAPH")},
                 "aggregation": {"aggregation_method": p.api_value("AggregationMethod.ADD_N")},
                 "colocate": {"colocate_gradients_with_ops": True}}.get(training.form, {})
        if training.form == "positional":
            return p.method(opt, "minimize", loss, step, var_list, **named, **named_grad, as_="train_op")
        if training.form == "default-var-list":
            return p.method(opt, "minimize", loss, global_step=step, **named, **named_grad, as_="train_op")
        chosen = tuple(var_list) if training.form == "tuple-var-list" else var_list
        return p.method(opt, "minimize", loss, global_step=step, var_list=chosen, **extra, **named, **named_grad,
                        as_="train_op")
    if training.form == "hand-built":
        pairs = list(zip(hand, var_list, strict=True))
    else:
        options = {"gate_gradients": p.api_value("train.Optimizer.GATE_GRAPH"),
                   "aggregation_method": p.api_value("AggregationMethod.ADD_N"),
                   "colocate_gradients_with_ops": True} if training.form == "compute-options" else {}
        pairs = p.method(opt, "compute_gradients", loss, var_list=var_list, **options, **named_grad,
                         as_="grads_and_vars")
    if training.form == "skip-aggregation":
        return p.method(opt, "apply_gradients", pairs, global_step=step, skip_gradients_aggregation=True, **named,
                        as_="train_op")
    if training.form == "tuple":
        pairs = p.eval(f"tuple({p.ref(pairs)})", as_="grads_and_vars")
    elif training.form == "zip":
        pairs = p.eval(f"((g, v) for g, v in {p.ref(pairs)})", as_="grads_and_vars")
    if training.form == "positional":
        return p.method(opt, "apply_gradients", pairs, step, **named, as_="train_op")
    return p.method(opt, "apply_gradients", pairs, global_step=step, **named, as_="train_op")


def in_another_thread(p, expression: str, as_: str, *, graph=None):
    """``expression`` evaluated in a new thread (``in_another_thread(lambda: ...)`` in the program); with ``graph``,
    the thread enters ``graph.as_default()`` first (a default graph belongs to the thread that entered it)."""
    p.define_once("import concurrent.futures\n"
                  "def in_another_thread(function, graph=None):\n"
                  "  def run():\n"
                  "    if graph is None:\n"
                  "      return function()\n"
                  "    with graph.as_default():\n"
                  "      return function()\n"
                  "  with concurrent.futures.ThreadPoolExecutor(1) as pool:\n"
                  "    return pool.submit(run).result()\n", "in_another_thread")
    entered = f", {p.ref(graph)}" if graph is not None else ""
    return p.eval(f"in_another_thread(lambda: {expression}{entered})", as_=as_)
