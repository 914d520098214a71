"""The input space of the contract, one strategy per dimension (import as ``gst``).

A clause holds for every call its sentence speaks about, not only for the call the API page shows. Each
strategy below is one dimension of that space, with the sentence that makes it relevant; the tests of a clause
draw from every dimension its sentence covers, and ``tests/scenarios.py`` turns a drawn value into backend
calls (recorded by the test's Program, so a failure's snippet shows the exact form that broke).

- call forms:  how ``graph`` is passed; how ``minimize`` and ``apply_gradients`` are called
- contexts:    the scopes, control dependencies, devices and default graph a call is made under
- graph state: what a graph already holds (other variables and ops, a user-made step of any integer dtype)
- step state:  the value training starts from, other sessions on the same graph
- gradients:   dense, sparse, zero, missing for some variables, large
"""

from __future__ import annotations

import string
from dataclasses import dataclass, replace

import numpy as np
from hypothesis import example
from hypothesis import strategies as st

# -- counts --------------------------------------------------------------------------------------------------
#: How many graphs a test juggles at once.
graph_counts = st.integers(min_value=2, max_value=4)
#: How many times a function is called again after the first call.
call_counts = st.integers(min_value=1, max_value=6)
#: How many times a train op is run: at least once, so every example checks something.
run_counts = st.integers(min_value=1, max_value=5)
#: A scope name TensorFlow accepts (letters first; digits, underscores after). Built from plain alphabets, not
#: st.from_regex, which builds a Unicode table on every fresh checkout (about 3 s of a CI run).
scope_names = st.builds(str.__add__, st.sampled_from(string.ascii_lowercase),
                        st.text(alphabet=string.ascii_lowercase + string.digits + "_", max_size=7))
#: One to three nested scopes.
scope_paths = st.lists(scope_names, min_size=1, max_size=3)
#: A value to feed the model's input: never zero, so the gradient is never zero; large ones included.
nonzero_feeds = (st.floats(min_value=0.5, max_value=8.0, width=32) | st.floats(min_value=-8.0, max_value=-0.5, width=32)
                 | st.sampled_from([1e4, -3e5]))
#: Feeds whose gradients are not finite. Source: "each run adds one", whatever the gradients are; a loss-scale
#: style guard that skips the increment on an inf or nan gradient breaks it.
nonfinite_feeds = st.sampled_from([float("inf"), float("-inf"), float("nan")])
#: Initial values of the trained variables. Not +-0.1: AdagradDA (dual averaging, learning rate 0.1) does not
#: add to a variable but recomputes it, as +-0.1 after the first run, so a variable starting there stays put.
initial_values = st.floats(min_value=-4.0, max_value=4.0, width=32).filter(lambda v: abs(abs(v) - 0.1) > 1e-6)
#: Initial values of one train op's variables (one to four of them).
initial_values_lists = st.lists(initial_values, min_size=1, max_size=4)
#: A mix of the ways to obtain the step, as a call sequence.
lookups = st.lists(st.sampled_from(["get_or_create_global_step", "get_global_step"]), min_size=1, max_size=6)

# -- data tables ---------------------------------------------------------------------------------------------
#: Integer dtypes the contract accepts for a user-made step (TensorFlow names).
INTEGER_DTYPES = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")
#: Non-integer dtypes it rejects.
NON_INTEGER_DTYPES = ("float16", "float32", "float64", "bool")
#: The two ways to create a step in a fresh graph.
CREATORS = ("get_or_create_global_step", "create_global_step")
#: The three global-step functions that take ``graph``.
GRAPH_FUNCTIONS = ("get_or_create_global_step", "get_global_step", "create_global_step")

#: Every tf.compat.v1.train optimizer that builds in a plain graph, with constructor arguments.
#: SyncReplicasOptimizer is left out: it needs queue runners and a chief worker, and a plain
#: Session.run of its train op blocks forever (measured on TF 2.21).
OPTIMIZERS = {
    "GradientDescentOptimizer": {"learning_rate": 0.1},
    "MomentumOptimizer": {"learning_rate": 0.1, "momentum": 0.9},
    "AdamOptimizer": {"learning_rate": 0.1},
    "AdagradOptimizer": {"learning_rate": 0.1},
    "RMSPropOptimizer": {"learning_rate": 0.1},
    "AdadeltaOptimizer": {"learning_rate": 1.0},
    "FtrlOptimizer": {"learning_rate": 0.1},
    "ProximalGradientDescentOptimizer": {"learning_rate": 0.1},
    "ProximalAdagradOptimizer": {"learning_rate": 0.1},
    "AdagradDAOptimizer": {"learning_rate": 0.1},  # also takes the step itself: see scenarios.make_optimizer
}
#: An optimizer a user writes through tf1.train.Optimizer's documented extension points (``_create_slots``,
#: ``_prepare``, ``_apply_dense`` / ``_resource_apply_dense``), as tf-slim and research code do: momentum in a
#: slot. Source: "global_step: Optional Variable to increment by one after the variables have been updated" is
#: the base class's promise, whoever writes the update rule. Its source is written into the program.
USER_OPTIMIZERS = {"UserMomentumOptimizer": '''
class UserMomentumOptimizer(tf1.train.Optimizer):
  """Momentum written through tf1.train.Optimizer's extension points."""
  def __init__(self, learning_rate, use_locking=False, name="UserMomentum"):
    super().__init__(use_locking, name, use_own_namescope_for_non_slot_vars=True)
    self._lr = learning_rate
  def _create_slots(self, var_list):
    for v in var_list:
      self._zeros_slot(v, "velocity", self._name)
  def _prepare(self):
    self._lr_t = tf1.convert_to_tensor(self._lr, name="learning_rate")
  def _apply_dense(self, grad, var):
    velocity = self.get_slot(var, "velocity")
    new_velocity = velocity.assign(velocity * 0.5 + grad)
    return var.assign_sub(tf1.cast(self._lr_t, var.dtype.base_dtype) * new_velocity)
  _resource_apply_dense = _apply_dense
'''}
OPTIMIZERS["UserMomentumOptimizer"] = {"learning_rate": 0.1}
#: Optimizers every backend must have; the others are checked where the backend provides them.
REQUIRED_OPTIMIZERS = ("GradientDescentOptimizer",)
#: Optimizers whose constructor takes the global step.
TAKES_STEP = ("AdagradDAOptimizer",)


def dtype_range(dtype: str) -> tuple[int, int]:
    """The smallest and largest value of an integer dtype."""
    info = np.iinfo(np.dtype(dtype))
    return int(info.min), int(info.max)


# -- call forms: `graph` -------------------------------------------------------------------------------------
#: How the ``graph`` argument of get_or_create / get / create_global_step is given. Source: the signature
#: ``(graph=None)`` and "graph: The graph ... If missing, use default graph": a conforming function takes it by
#: position and by keyword, and treats ``graph=None`` and no argument alike (the default graph).
#: ``positional`` and ``keyword`` name the graph while another graph is the default; ``omitted`` and ``none``
#: rely on the graph being the default.
GRAPH_FORMS = ("omitted", "none", "keyword", "positional")
graph_forms = st.sampled_from(GRAPH_FORMS)
#: A sequence of forms, one per call: idempotence holds whichever form each later call uses.
graph_form_lists = st.lists(graph_forms, min_size=1, max_size=6)


# -- contexts ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Layer:
    """One ``with`` block around a call: ``kind`` is name_scope, variable_scope, control_dependencies, device,
    ``session``: a session of another graph as the default session (``with sess.as_default():``), which must not
    decide the graph (that is the default graph's job), or ``strategy``: a distribution strategy's scope (``name``
    "default": ``tf1.distribute.get_strategy()``, or "one-device": ``OneDeviceStrategy('/cpu:0')``)."""

    kind: str
    name: str = ""
    reuse: str | None = None  # variable_scope only: None, "True" or "AUTO_REUSE"
    #: variable_scope only: ``initializer=ones_initializer()``, get_variable's default inside; the step is 0
    #: whatever the scope's default ("initial value 0" is the step's own)
    ones: bool = False
    #: variable_scope only: get_variable's default dtype inside (the step is int64 whatever it says)
    dtype: str | None = None
    #: variable_scope only: ``use_resource=False`` makes the variables inside RefVariables, the step included
    ref: bool = False
    #: variable_scope only: ``partitioner=fixed_size_partitioner(2)``, get_variable's default inside (a scalar, the
    #: step, is never partitioned)
    partitioned: bool = False
    #: variable_scope only: a pass-through ``custom_getter`` and a ``regularizer`` (tf-slim's way of wrapping
    #: variable creation): TensorFlow 2.21 calls both for the step too, which must still be the step
    wrapped: bool = False


def _layers(*, reuse: bool, strategies=("default", "one-device"), partitions: bool = True):
    reuses = st.sampled_from([None, "AUTO_REUSE", "True"] if reuse else [None, "AUTO_REUSE"])
    return st.one_of(st.builds(Layer, st.just("name_scope"), scope_names),
                     st.builds(Layer, st.just("control_dependencies")),
                     st.builds(Layer, st.just("device"), st.sampled_from(["/cpu:0", "/device:CPU:0"])),
                     st.builds(Layer, st.just("session")),
                     st.builds(Layer, st.just("strategy"), st.sampled_from(strategies)),
                     st.builds(Layer, st.just("variable_scope"), scope_names, reuses, st.booleans(),
                               st.none() | st.sampled_from(["float16", "float64", "int32"]), st.booleans(),
                               st.booleans() if partitions else st.just(False), st.booleans()))


def contexts(*, reuse: bool = False, training: bool = False):
    """Zero to three nested ``with`` blocks around a call (a scope name may repeat: re-entered scopes).

    Source: nothing in the contract depends on the context of the call, so every clause holds under
    name_scope (create_global_step escapes it on purpose), variable_scope (nested, re-entered, AUTO_REUSE),
    control_dependencies, device and another graph's default session (a variable_scope of the step's own graph
    prefixes its name: GS-CREATE-FRESH-VARIABLE-SCOPE, observed, so name tests leave those out); ``reuse=True``
    only for calls that find an existing step: creating a step under ``reuse=True`` raises ValueError (notes §3).
    A variable_scope's ``dtype`` and ``use_resource=False`` are get_variable's defaults inside (the step stays int64;
    use_resource=False makes it a RefVariable, which is still the step). A strategy's scope: the default strategy
    or one device; one at a time (TensorFlow refuses to mix them), and for ``training`` the default one only (a
    train op under another strategy is built per replica, not with minimize). A scope's partitioner only around
    calls that make the step, not around training: there it partitions the optimizer's slot variables, which TF 2.21
    refuses for RefVariables (Adam: "Shape of a new partitioned variable must be fully defined", measured).
    """
    strategies = ("default",) if training else ("default", "one-device")
    return st.lists(_layers(reuse=reuse, strategies=strategies, partitions=not training), max_size=3).filter(
        lambda layers: sum(layer.kind == "strategy" for layer in layers) <= 1).map(tuple)  # one strategy at a time


#: A context for a call that creates the step.
creation_contexts = contexts()
#: A context for a call that finds an existing step: anything goes, reuse=True included.
lookup_contexts = contexts(reuse=True)

#: Every kind of block and every option of each, over three contexts: each is run on every seed (``every_context``),
#: so no kind or option waits for the search to draw it (a scope's dtype, a RefVariable scope, a partitioner, a
#: wrapping getter, each strategy, each device spelling).
EVERY_CONTEXT = (
    (Layer("variable_scope", "outer", ones=True, dtype="float16", partitioned=True, wrapped=True),
     Layer("name_scope", "inner"), Layer("device", "/cpu:0")),
    (Layer("variable_scope", "outer", "AUTO_REUSE", dtype="float64", ref=True), Layer("control_dependencies"),
     Layer("strategy", "one-device")),
    (Layer("session"), Layer("strategy", "default"), Layer("device", "/device:CPU:0"),
     Layer("variable_scope", "outer", dtype="int32")),
)
#: EVERY_CONTEXT for calls that find an existing step, with a variable_scope(reuse=True) too.
EVERY_LOOKUP_CONTEXT = (*EVERY_CONTEXT, (Layer("variable_scope", "outer", "True", dtype="float16"),
                                         Layer("name_scope", "inner")))


def every_context(*, lookup: bool = False, **fixed):
    """A decorator: an explicit example of the test per context of EVERY_CONTEXT (EVERY_LOOKUP_CONTEXT for calls
    that find the step), its other arguments as ``fixed``."""
    def decorate(test):
        for context in EVERY_LOOKUP_CONTEXT if lookup else EVERY_CONTEXT:
            test = example(context=context, **fixed)(test)
        return test
    return decorate


# -- graph state ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GraphState:
    """What a graph holds before the step is made: ``variables`` float variables and ``constants`` ops.

    Source: "Returns and create (if necessary) the global step tensor": whatever else the graph holds, the
    step is made, found and counted the same way. ``others`` more graphs are alive at the same time.
    """

    variables: int = 0
    constants: int = 0
    others: int = 0
    decoys: bool = False  # tensors whose names look like the step's: eval/global_step, global_step_1
    #: a train op that counts into a variable of the user's (``epoch``) outside GLOBAL_STEP: training with a
    #: counter does not make it the graph's step ("global_step: Optional Variable to increment", nothing more)
    counter: bool = False
    #: the graph is an instance of a user's ``tf1.Graph`` subclass ("graph: The graph to ...": any Graph)
    subclass: bool = False


graph_states = st.builds(GraphState, st.integers(0, 2), st.integers(0, 2), st.integers(0, 2), st.booleans(),
                         st.booleans(), st.booleans())
#: A graph that holds one of everything: the explicit example of every test that draws a graph state.
BUSY_GRAPH = GraphState(1, 1, 1, decoys=True, counter=True, subclass=True)


@dataclass(frozen=True)
class UserStep:
    """A step the user made: ``tf1.Variable(0, dtype, name, trainable, collections)``.

    Source: get_global_step "The global step tensor must be an integer variable. We first try to find it in
    the collection GLOBAL_STEP"; optimizers: "global_step: Optional `Variable` to increment by one". Any integer
    dtype, any name, trainable or not (nothing says a trainable step is refused), in GLOBAL_STEP or passed
    to the optimizer directly (``in_collection=False``).
    """

    dtype: str = "int64"
    name: str = "global_step"
    trainable: bool = False
    in_collection: bool = True
    also: str = "GLOBAL_VARIABLES"  # the variables collection it is in: GLOBAL_VARIABLES, LOCAL_VARIABLES or none
    #: ``use_resource=False``: a RefVariable (the TF1 kind; TensorFlow 2 makes resource variables by default).
    #: Source: "global_step: Optional Variable": either kind of Variable.
    ref: bool = False


#: Names of user steps: the library's, others, and ones ending in digits (a careless name parser trims them).
USER_STEP_NAMES = ("global_step", "my_step", "step", "step_10", "global_step_0")
user_steps = st.builds(UserStep, st.sampled_from(INTEGER_DTYPES), st.sampled_from(USER_STEP_NAMES),
                       st.booleans(), st.just(True), st.sampled_from(["GLOBAL_VARIABLES", "LOCAL_VARIABLES", "none"]),
                       st.booleans())


# -- how the optimizer is made and what it trains ------------------------------------------------------------
#: How the learning rate is given. Source: the optimizers' "learning_rate: A Tensor or a floating point value",
#: and TensorFlow 2's v1 optimizers call a callable learning rate when they build (``_call_if_callable``).
RATE_KINDS = ("float", "tensor", "variable", "callable")
#: Float dtypes of the trained variables ("every float dtype TensorFlow trains"); bfloat16 needs ml_dtypes, which
#: the reference (numpy only) does not have yet.
TRAINED_DTYPES = ("float32", "float64", "float16")
#: What each optimizer takes, measured on TF 2.21 (a kind it refuses is not drawn for it): Ftrl and the proximal
#: and dual-averaging ones do not call a callable learning rate; the proximal ones train float32 only (their
#: learning rate is not cast); AdagradDA has no float16 kernel; Adadelta's and Ftrl's float16 steps round to no
#: change (Ftrl leaves 2.375 where it is for a gradient of 7.5).
RATES_OF = {name: RATE_KINDS for name in ("GradientDescentOptimizer", "MomentumOptimizer", "AdamOptimizer",
                                         "AdagradOptimizer", "RMSPropOptimizer", "AdadeltaOptimizer")}
#: Optimizers whose kernels refuse a learning rate of 0 (measured on TF 2.21: "lr is not a positive scalar",
#: InvalidArgumentError, for ProximalAdagrad's and sparse Ftrl's; dense Ftrl divides by it): they get their own rate.
ZERO_RATE_REFUSED = ("FtrlOptimizer", "ProximalAdagradOptimizer")
DTYPES_OF = {**{name: TRAINED_DTYPES for name in ("GradientDescentOptimizer", "MomentumOptimizer", "AdamOptimizer",
                                                   "AdagradOptimizer", "RMSPropOptimizer", "UserMomentumOptimizer")},
             **{name: ("float32", "float64") for name in ("AdadeltaOptimizer", "AdagradDAOptimizer", "FtrlOptimizer")}}
#: Each optimizer's own options away from their defaults (all of them at once). Source: the constructors'
#: signatures (spec/api.json); none of these changes how the step counts.
TUNED = {
    "MomentumOptimizer": {"momentum": 0.5, "use_nesterov": True},
    "AdamOptimizer": {"beta1": 0.8, "beta2": 0.99, "epsilon": 1e-4, "use_own_namescope_for_non_slot_vars": True},
    "AdagradOptimizer": {"initial_accumulator_value": 0.5},
    "RMSPropOptimizer": {"decay": 0.8, "momentum": 0.5, "epsilon": 1e-6, "centered": True},
    "AdadeltaOptimizer": {"rho": 0.9, "epsilon": 1e-6},
    "FtrlOptimizer": {"learning_rate_power": -0.3, "initial_accumulator_value": 0.2,
                      "l1_regularization_strength": 0.001, "l2_regularization_strength": 0.001,
                      "accum_name": "accumulator", "linear_name": "linear",
                      "l2_shrinkage_regularization_strength": 0.001, "beta": 0.1},
    "ProximalGradientDescentOptimizer": {"l1_regularization_strength": 0.001, "l2_regularization_strength": 0.001},
    "ProximalAdagradOptimizer": {"initial_accumulator_value": 0.2, "l1_regularization_strength": 0.001,
                                 "l2_regularization_strength": 0.001},
    # AdagradDA shrinks by l1 x (global_step + 1): with the step anywhere in int64, any l1 > 0 can hold a variable
    # at 0 for good (a start of 999 and l1 = 0.001 does), so its l1 stays 0.
    "AdagradDAOptimizer": {"initial_gradient_squared_accumulator_value": 0.2, "l1_regularization_strength": 0.0,
                           "l2_regularization_strength": 0.001},
}
#: How a trained variable is made. Source: "var_list: Optional list or tuple of Variable objects": a Variable of
#: either kind (``use_resource=False``: a RefVariable), one made by ``get_variable`` (with an initializer and its
#: options), one with a ``constraint`` (the optimizers apply it after the update, before the increment), one with
#: the constructor's other options (a shape, a caching device, the distribution options: nothing changes on one
#: device), one made by ``get_variable`` with ``partitioner=fixed_size_partitioner(2)`` (a PartitionedVariable of
#: shape [2]: var_list and the hand-built pairs name its two parts, "the optimizers train the parts", and one run
#: still adds one).
MAKERS = ("Variable", "ref", "get_variable", "constraint", "options", "partitioned")


@dataclass(frozen=True)
class Making:
    """How the optimizer is made and what it trains (Training.making)."""

    rate: str = "float"  # RATE_KINDS
    locking: bool = False  # use_locking=True
    name: str | None = None  # the optimizer's name=
    tuned: bool = False  # TUNED options
    dtypes: tuple[str, ...] = ()  # the trained variables' dtypes, in turn (empty: float32)
    maker: str = "Variable"  # MAKERS
    grad_loss: bool = False  # minimize / compute_gradients get grad_loss=constant(1.0)
    #: None: the optimizer's own rate (OPTIMIZERS); 0.0: a rate of 0, an ordinary value (the runs move nothing and
    #: still count), given in the kind ``rate`` says
    rate_value: float | None = None

    def fitting(self, optimizer: str, feed: float = 1.0) -> Making:
        """This making, with what ``optimizer`` does not take replaced by the default. float16 holds values up to
        65504: with a feed above 8 (a gradient whose square overflows an accumulator), variables are not float16."""
        rate = self.rate if self.rate in RATES_OF.get(optimizer, ("float", "tensor", "variable")) else "float"
        allowed = DTYPES_OF.get(optimizer, ("float32",))
        if abs(feed) > 8:
            allowed = tuple(d for d in allowed if d != "float16")
        rate_value = None if optimizer in ZERO_RATE_REFUSED else self.rate_value
        return replace(self, rate=rate, rate_value=rate_value,
                       dtypes=tuple(d if d in allowed else "float32" for d in self.dtypes))

    def dtype(self, index: int) -> str:
        return self.dtypes[index % len(self.dtypes)] if self.dtypes else "float32"


makings = st.builds(Making, rate=st.sampled_from(RATE_KINDS), locking=st.booleans(),
                    name=st.none() | st.sampled_from(["my_optimizer", "train/opt"]), tuned=st.booleans(),
                    dtypes=st.lists(st.sampled_from(TRAINED_DTYPES), max_size=3).map(tuple),
                    maker=st.sampled_from(MAKERS), grad_loss=st.booleans(), rate_value=st.none() | st.just(0.0))
#: Every option of the optimizer at once (its own options, use_locking, a name, a callable rate, grad_loss), training
#: dense variables of mixed dtypes, two of them float16: the optimizer's every code path in one example
#: (``SWEEP_EVERY``); the maker is chosen by the optimizer's place, so the grid makes variables in every way.
EVERY_MAKING = Making(rate="callable", locking=True, name="my_optimizer", tuned=True, dtypes=("float16", "float64"),
                      grad_loss=True)


# -- step state and the train op -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Training:
    """One train op and how it is built, run and checked. Made by :func:`trainings`, built by scenarios.

    - ``step``: None for the library's step (get_or_create_global_step), else a :class:`UserStep`;
    - ``start``: the value assigned to the step before training (the step's dtype range, boundary included:
      ``start + runs`` may reach the largest value, never pass it);
    - ``entry``: ``minimize`` or ``apply_gradients``; ``form``: how it is called (see MINIMIZE_FORMS and
      APPLY_FORMS); ``name``: the op's ``name=``;
    - ``gradients``: dense, sparse (``gather`` / ``embedding_lookup``), or unused (a variable the loss does not
      depend on is in ``var_list``: its gradient is None);
    - ``initial``: the dense variables' initial values; ``feed``: the input (0 makes every gradient zero);
    - ``context``: the ``with`` blocks the train op is built under; ``bystander``: a second session on the
      graph, whose step must not move; ``reused``: the optimizer built another train op first (default
      var_list), as one optimizer serves several heads; ``shared``: a second train op on the same step, built by
      ``"another optimizer"`` (GradientDescent) or ``"the same optimizer"``, training a variable of its own and
      run on every other run: each run of either adds one, and changes only its own variables;
    - ``registered``: with a user step outside GLOBAL_STEP, the graph also has the library's step, which
      training with the user's step must not move.
    """

    optimizer: str = "GradientDescentOptimizer"
    entry: str = "minimize"
    form: str = "keywords"
    name: str | None = None
    step: UserStep | None = None
    start: int = 0
    runs: int = 1
    gradients: str = "dense"
    initial: tuple[float, ...] = (1.0,)
    feed: float = 1.5
    context: tuple[Layer, ...] = ()
    bystander: bool = False
    unused_first: bool = False  # the unused variable comes first in var_list (else last)
    reused: bool = False  # the optimizer already built a train op (default var_list) before this one
    shared: str | None = None  # a second train op shares the step: "another optimizer" or "the same optimizer"
    registered: bool = False  # the library's step exists too (only with a user step outside GLOBAL_STEP)
    fetch: str = "op"  # what one Session.run fetches: see FETCHES
    #: the graph holds an update op in UPDATE_OPS (a batch-norm moving mean): minimize must not run it
    #: (tf-slim and Keras wire UPDATE_OPS in themselves; the optimizer updates var_list, nothing else)
    update_ops: bool = False
    #: how the optimizer is made and what it trains: see Making (the learning rate's kind, use_locking, a name,
    #: its own options away from their defaults; the trained variables' dtypes and how they are made; grad_loss)
    making: Making = None  # type: ignore[assignment]  # filled in __post_init__

    @property
    def per_run(self) -> int:
        """How much one Session.run adds to the step: 2 when it fetches both train ops of a shared step."""
        return increments_per_run(self.fetch)

    @property
    def dtype(self) -> str:
        return self.step.dtype if self.step else "int64"

    def using(self, optimizer: str) -> Training:
        """This training with ``optimizer`` (a user step becomes int64 for those that read it: TAKES_STEP).

        A ``SWEEP`` training becomes ``sweep(optimizer)``: a set-up chosen by the optimizer's place in OPTIMIZERS.
        """
        if self.form == "sweep":
            return sweep(optimizer, self.entry).using(optimizer)
        if self.form == "sweep-every":
            i = list(OPTIMIZERS).index(optimizer)
            making = replace(EVERY_MAKING, maker=MAKERS[i % len(MAKERS)])
            return replace(sweep(optimizer, self.entry), gradients="dense", feed=1.5, making=making).using(optimizer)
        step, start = self.step, self.start
        if step is not None and optimizer in TAKES_STEP and step.dtype != "int64":
            step = replace(step, dtype="int64")
            low, high = dtype_range("int64")
            start = min(max(start, low), high - self.runs * self.per_run)
        making = self.making.fitting(optimizer, self.feed)
        # A user's optimizer that writes a dense rule only: TensorFlow gives it no sparse one.
        gradients = "dense" if optimizer in USER_OPTIMIZERS and self.gradients.startswith("sparse") else self.gradients
        return replace(self, optimizer=optimizer, step=step, start=start, making=making, gradients=gradients)

    def moving(self) -> Training:
        """This training with a learning rate that moves the variables (the optimizer's own, not 0), for a test that
        checks they change."""
        return replace(self, making=replace(self.making, rate_value=None))

    def __post_init__(self):
        if self.making is None:
            object.__setattr__(self, "making", Making())


#: How minimize is called. Source: ``minimize(loss, global_step=None, var_list=None, gate_gradients=GATE_OP,
#: aggregation_method=None, colocate_gradients_with_ops=False, name=None, grad_loss=None)`` and "var_list:
#: Optional list or tuple of Variable objects to update to minimize loss. Defaults to the list of variables
#: collected in the graph under the key GraphKeys.TRAINABLE_VARIABLES."
MINIMIZE_FORMS = (
    "keywords",          # minimize(loss, global_step=step, var_list=vs)
    "positional",        # minimize(loss, step, vs)
    "default-var-list",  # minimize(loss, global_step=step): the trainable variables
    "tuple-var-list",    # var_list as a tuple
    "gate-none",         # gate_gradients=GATE_NONE
    "gate-graph",        # gate_gradients=GATE_GRAPH
    "aggregation",       # aggregation_method=AggregationMethod.ADD_N
    "colocate",          # colocate_gradients_with_ops=True
)
#: How apply_gradients gets its pairs. Source: "grads_and_vars: List of (gradient, variable) pairs as returned
#: by compute_gradients()"; a list, a tuple, a one-shot generator (``zip``), or pairs built by hand.
APPLY_FORMS = ("compute-gradients", "positional", "tuple", "zip", "hand-built",
               "compute-options",    # compute_gradients(loss, var_list, GATE_GRAPH, ADD_N, colocate=True)
               "skip-aggregation")   # apply_gradients(..., skip_gradients_aggregation=True)
ENTRY_FORMS = {"minimize": MINIMIZE_FORMS, "apply_gradients": APPLY_FORMS}
#: Who builds the second train op on a shared step (Training.shared).
SHARED = ("another optimizer", "the same optimizer")
#: What one ``Session.run`` of training fetches. Source: "each run of a train op adds one": a run that fetches
#: the op twice runs it once (one increment), and a run that fetches two train ops on one step adds two (their
#: increments must not race: each is an atomic add, not a read then a write). "both ops" needs ``shared``.
FETCHES = ("op", "op twice", "op and step", "both ops")


def increments_per_run(fetch: str) -> int:
    """How much one Session.run that fetches ``fetch`` (one of FETCHES) adds to the step."""
    return 2 if fetch == "both ops" else 1
#: Kinds of gradient. Source: the increment is per run of the op, whatever the gradients are.
GRADIENTS = ("dense", "sparse-gather", "sparse-embedding", "unused-variable")


def sweep(optimizer: str, entries: str = "minimize apply_gradients") -> Training:
    """A set-up that depends only on the optimizer's index, so that across the optimizer grid every call form,
    gradient kind and step dtype is run at least once, on every seed, before any random search."""
    i = list(OPTIMIZERS).index(optimizer)
    # Each of the three sweeps gives an optimizer another kind of rate, so together they pass every kind it takes
    # (the callable one through SWEEP_EVERY's making too).
    rates = RATES_OF.get(optimizer, RATE_KINDS[:3])
    offset = {"minimize": 0, "apply_gradients": 1}.get(entries, 2)
    choices = entries.split()
    entry = choices[i % len(choices)]
    forms = ENTRY_FORMS[entry]
    step = UserStep(INTEGER_DTYPES[i % len(INTEGER_DTYPES)], "global_step" if i % 3 else "my_step",
                    in_collection=i % 4 != 1, ref=i % 8 == 5) if i % 2 else None
    runs = 3
    fetch = FETCHES[i % len(FETCHES)] if i % 2 else FETCHES[(i // 2) % 3]  # "both ops" only with a shared step
    start = dtype_range(step.dtype if step else "int64")[1] - runs * increments_per_run(fetch) if i % 3 == 1 else 0
    return Training(entry=entry, form=forms[(i // len(choices)) % len(forms)],
                    name=None if i % 2 else "train", step=step, start=start, runs=runs,
                    gradients=GRADIENTS[i % len(GRADIENTS)], initial=(1.0, -2.0, 3.0),
                    feed=(float("nan"), float("inf"))[i % 2] if len(choices) == 1 and i % 5 >= 3 else 1.5,
                    context=(Layer("name_scope", "outer"),) if i % 2 else (), bystander=i % 2 == 0,
                    unused_first=i % 8 == 3, reused=i % 3 == 2, shared=SHARED[i % 4 // 2] if i % 2 else None,
                    registered=step is not None and not step.in_collection, fetch=fetch, update_ops=i % 3 == 0,
                    making=Making(rate=rates[(i + offset) % len(rates)], locking=i % 2 == 1,
                                  name="my_optimizer" if i % 3 else None,
                                  tuned=i % 3 != 1, dtypes=(TRAINED_DTYPES[i % 3], TRAINED_DTYPES[(i + 1) % 3]),
                                  maker=MAKERS[(i // 2) % len(MAKERS)], grad_loss=i % 2 == 0,
                                  rate_value=0.0 if i % 5 == 2 else None))


#: A placeholder example: ``Training.using(optimizer)`` replaces it with the sweep, dense and with EVERY_MAKING.
SWEEP_EVERY = {entry: Training(entry=entry, form="sweep-every") for entry in ("minimize", "apply_gradients")}
#: A placeholder example: ``Training.using(optimizer)`` replaces it with ``sweep(optimizer, entry)``.
SWEEP = {entries: Training(entry=entries, form="sweep") for entries in
         ("minimize", "apply_gradients", "minimize apply_gradients")}


@st.composite
def trainings(draw, *, entries=("minimize", "apply_gradients"),
              user_step: bool = True, gradients=GRADIENTS, zero: bool = False, runs=run_counts,
              max_start: int | None = None, nonfinite: bool = False) -> Training:
    """A :class:`Training` drawn from every dimension an apply clause speaks about (optimizer: see ``using``).

    ``zero`` feeds 0 (every gradient zero), ``nonfinite`` may feed inf or nan; ``max_start`` bounds the starting
    value (schedules that turn the step into a float learning rate need small values).
    """
    entry = draw(st.sampled_from(entries), label="entry")
    form = draw(st.sampled_from(ENTRY_FORMS[entry]), label="form")
    step = draw(st.none() | user_steps if user_step else st.none(), label="step")
    if step is not None and step.trainable and form == "default-var-list":
        step = replace(step, trainable=False)  # an integer variable in var_list cannot be trained
    if step is not None:
        step = replace(step, in_collection=draw(st.booleans(), label="in GLOBAL_STEP"))
    n_runs = draw(runs, label="runs")
    shared = draw(st.sampled_from((None, *SHARED)), label="step shared by two train ops")
    # Not both ops with a RefVariable step: TensorFlow's two unlocked AssignAdds in one run race and sometimes
    # count once (seen on TF 2.21; resource variables add atomically). Recorded in the session note, not yet a clause.
    both = shared and not (step is not None and step.ref)
    fetch = draw(st.sampled_from(FETCHES if both else FETCHES[:3]), label="fetch")
    low, high = dtype_range(step.dtype if step else "int64")
    high -= n_runs * increments_per_run(fetch)
    if max_start is not None:
        low, high = max(low, 0), min(high, max_start)
    start = draw(st.integers(low, high) | st.sampled_from([0, low, high]), label="start")
    return Training(
        entry=entry, form=form, step=step, start=start, runs=n_runs,
        name=draw(st.none() | scope_names, label="name"),
        gradients=draw(st.sampled_from(gradients), label="gradients"),
        initial=tuple(draw(initial_values_lists, label="initial")),
        feed=0.0 if zero else draw(nonzero_feeds | nonfinite_feeds if nonfinite else nonzero_feeds, label="feed"),
        context=draw(contexts(training=True), label="context"),
        bystander=draw(st.booleans(), label="bystander session"),
        unused_first=draw(st.booleans(), label="unused variable first"),
        reused=draw(st.booleans(), label="optimizer reused"),
        shared=shared, fetch=fetch, update_ops=draw(st.booleans(), label="UPDATE_OPS entry"),
        registered=step is not None and not step.in_collection and draw(st.booleans(), label="library step too"),
        making=draw(makings, label="making"),
    )


# -- the v1 mixed-precision wrapper ------------------------------------------------------------------------
@dataclass(frozen=True)
class LossScaling:
    """A MixedPrecisionLossScaleOptimizer's set-up and the runs made with it (GS-APPLY-LOSS-SCALE-SKIPS).

    Source: ``MixedPrecisionLossScaleOptimizer(opt, loss_scale)``, ``loss_scale`` "a number (FixedLossScale),
    'dynamic' (DynamicLossScale) or a LossScale object", and DynamicLossScale(initial_loss_scale, increment_period,
    multiplier). Scales near float32's largest (2**128) make the scaled gradient overflow, so the scale's own
    arithmetic decides which runs count."""

    kind: str = "dynamic"  # LOSS_SCALE_KINDS
    initial: float = 2.0**15  # DynamicLossScale(...) only
    period: int = 2000
    multiplier: float = 2.0
    fixed: float = 128.0  # the number, or FixedLossScale(number)
    optimizer: str = "GradientDescentOptimizer"
    entry: str = "minimize"  # minimize, compute-apply (compute_gradients then apply_gradients), hand-built
    step: str | None = None  # None: the library's step; else a user's step of that dtype
    feeds: tuple[float, ...] = (1.0,)
    #: minimize / compute_gradients get grad_loss=2.0 (the scaled gradient doubles: it overflows sooner) and
    #: gate_gradients, aggregation_method and colocate_gradients_with_ops, which the wrapper passes on
    grad_loss: bool = False

    @property
    def dynamic(self) -> bool:
        return self.kind in ("dynamic", "DynamicLossScale")

    def counts(self) -> list[int]:
        """The step after each run. The gradient of ``x * w`` is ``x``, times the scale unless the pairs are hand-built
        (float32: it overflows to inf); a dynamic scale skips a non-finite run and divides the scale by the
        multiplier (not below 1), and multiplies it after ``period`` finite runs in a row (unless that overflows)."""
        scale = np.float32(self.initial if self.kind == "DynamicLossScale" else 2.0**15)
        period = self.period if self.kind == "DynamicLossScale" else 2000
        multiplier = np.float32(self.multiplier if self.kind == "DynamicLossScale" else 2.0)
        count, good, counts = 0, 0, []
        with np.errstate(all="ignore"):
            for x in self.feeds:
                grad = (np.float32(x) if self.entry == "hand-built" else
                        np.float32(2.0 if self.grad_loss else 1.0) * scale * np.float32(x))
                if not self.dynamic or np.isfinite(grad):
                    count, good = count + 1, good + 1
                    if good >= period:
                        scale, good = (scale * multiplier if np.isfinite(scale * multiplier) else scale), 0
                else:
                    scale, good = max(scale / multiplier, np.float32(1)), 0
                counts.append(count)
        return counts


LOSS_SCALE_KINDS = ("dynamic", "number", "int", "FixedLossScale", "DynamicLossScale")
#: Inputs of ``loss = x * w``: zero, ordinary, large enough to overflow a big scale (2.5e34 overflows the default
#: scale halved, 2**14, not a third of it), float32's extremes, non-finite.
LOSS_SCALE_FEEDS = (0.0, 1.0, -2.0, 4.0, 16.0, 2.5e34, 1e38, 2e38, -1e38, float("inf"), float("-inf"),
                    float("nan"))
loss_scalings = st.builds(
    LossScaling, kind=st.sampled_from(LOSS_SCALE_KINDS),
    initial=st.sampled_from([1.0, 2.0**15, 2.0**120, 2.0**125, 2.0**126, 2.0**127]),
    period=st.sampled_from([1, 2, 3, 2000]), multiplier=st.sampled_from([2.0, 4.0, 8.0]),
    fixed=st.sampled_from([1.0, 128.0, 2.0**127]),
    optimizer=st.sampled_from(["GradientDescentOptimizer", "MomentumOptimizer", "AdamOptimizer",
                               "UserMomentumOptimizer"]),
    entry=st.sampled_from(["minimize", "compute-apply", "hand-built"]), step=st.sampled_from([None, "int32", "int64"]),
    feeds=st.lists(st.sampled_from(LOSS_SCALE_FEEDS), min_size=1, max_size=6).map(tuple), grad_loss=st.booleans())
