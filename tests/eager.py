"""Set-ups for the tf2 surface (group "tf2", TF2-*): TensorFlow 2's own API, as the page's migration uses it.

A tf2 backend is a TensorFlow-2-like namespace, written ``tf`` in reproductions: ``Variable``, ``constant``,
``cast``, ``reduce_sum``, ``function``, ``GradientTape``, ``train.Checkpoint`` and ``keras.optimizers``. Training
steps are written as Python source (``Program.define``), so the reproduction shows the ``@tf.function`` as a user
writes it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from harness import assertions as ah
from tests import scenarios as sc

#: The optimizers the page's first option names ("a Keras optimizer"): every tf2 backend's keras has these three.
OPTIMIZERS = ("SGD", "Adam", "RMSprop")
#: What a training step is fed, one per call: a float scalar, or a vector of a length that forces TensorFlow to
#: trace again (a new shape), each with a Python number argument (a new value also traces again).
INPUTS = st.tuples(st.integers(0, 3), st.integers(1, 3))  # (vector length, 0 for a scalar; Python scale)


#: Options of ``tf.Variable`` a counter may be made with, as the user writes them. Source: the page's second
#: option, "Manually create and increment a tf.Variable": any tf.Variable made int64 and not trainable counts the
#: same, whatever else its constructor is told (shape, the distribution options, lifting, a constraint). The
#: constraint zeroes what it is given: TensorFlow applies a constraint only where an optimizer trains the
#: variable, never on assign, so applied to a counter it shows.
VARIABLE_OPTIONS = (
    "shape=[]", "shape=tf.TensorShape([])", "validate_shape=True", "validate_shape=False",
    "synchronization=tf.VariableSynchronization.ON_WRITE", "aggregation=tf.VariableAggregation.ONLY_FIRST_REPLICA",
    "aggregation=tf.VariableAggregation.SUM", "experimental_enable_variable_lifting=False",
    "constraint=lambda t: t * 0",
)


@dataclass(frozen=True)
class Counter:
    """How the user makes the counter: ``tf.Variable(<initial>, dtype=<dtype>, trainable=False[, name=...], ...)``.

    ``initial``: "int" (a Python int), "constant" (``tf.constant(start, dtype=tf.int64)``), "callable" (a
    function returning that tensor: TensorFlow calls it) or "callable_int" (a function returning the Python int,
    which only ``dtype=`` makes int64); ``options``: VARIABLE_OPTIONS entries; ``on_read``:
    ``synchronization=ON_READ`` with ``trainable`` left out (it then defaults to False).
    """

    start: int = 0
    initial: str = "int"
    dtype: str = "tf.int64"  # or "'int64'": TensorFlow takes a dtype's name too
    name: str | None = "global_step"
    options: tuple[str, ...] = ()
    on_read: bool = False


def _compatible(options) -> bool:
    """At most one option per keyword (two shapes, or two aggregations, are one call's mistake, not a kind)."""
    keywords = [option.partition("=")[0] for option in options]
    return len(keywords) == len(set(keywords))


counters = st.builds(Counter, initial=st.sampled_from(["int", "constant", "callable", "callable_int"]),
                     dtype=st.sampled_from(["tf.int64", "'int64'"]), name=st.none() | st.just("global_step"),
                     options=st.lists(st.sampled_from(VARIABLE_OPTIONS), max_size=3, unique=True).filter(_compatible)
                     .map(tuple), on_read=st.booleans())
#: A counter made with every option at once, for the explicit examples.
EVERY_OPTION = Counter(initial="callable", options=("shape=tf.TensorShape([])", "validate_shape=True",
                                                    "synchronization=tf.VariableSynchronization.ON_WRITE",
                                                    "aggregation=tf.VariableAggregation.ONLY_FIRST_REPLICA",
                                                    "experimental_enable_variable_lifting=False",
                                                    "constraint=lambda t: t * 0"))


def make_counter(p, counter: Counter = Counter()):
    """``global_step = tf.Variable(start, dtype=tf.int64, trainable=False, name="global_step")``, as ``counter``
    says."""
    initial = {"int": str(counter.start), "constant": f"tf.constant({counter.start}, dtype=tf.int64)",
               "callable": f"lambda: tf.constant({counter.start}, dtype=tf.int64)",
               "callable_int": f"lambda: {counter.start}"}[counter.initial]
    name = f", name={counter.name!r}" if counter.name else ""
    options = "".join(f", {option}" for option in counter.options)
    trainable = ", synchronization=tf.VariableSynchronization.ON_READ" if counter.on_read else ", trainable=False"
    if counter.on_read:
        options = "".join(f", {o}" for o in counter.options if not o.startswith("synchronization"))
    return p.eval(f"tf.Variable({initial}, dtype={counter.dtype}{trainable}{name}{options})", as_="global_step")


def count(p, variable, as_: str = "count") -> int:
    """``int(<variable>.numpy())``: the counter as a plain number."""
    value = p.method(variable, "numpy", as_=as_)
    return int(np.asarray(value))


def assert_count(p, variable, expected: int, as_: str = "count") -> None:
    observed = count(p, variable, as_)
    ah.assert_equal(p, f"int({p.current(as_)})", observed, expected)  # the name this reading got (count_2, ...)


#: How a training step runs. Source: the page's migration says the step is "usually a tf.function", and
#: TensorFlow runs one step in each of these ways: eagerly, as a tf.function with any of its options, as a
#: concrete function traced from it, and as a method of a tf.Module.
#: ``experimental``: the experimental options TensorFlow 2.21 still takes (relax_shapes and compile are the old names
#: of reduce_retracing and jit_compile). Not ``experimental_implements``: a function carrying it may not modify
#: variables (TF 2.21 raises AssertionError, measured), so no training step can (spec/domains.toml).
RUNS = ("eager", "function", "reduce_retracing", "jit_compile", "no_autograph", "input_signature", "concrete",
        "module", "experimental", "experimental_compile")
#: Steps take (x, scale): a float tensor of any shape and a Python number.
SIGNATURE = "[tf.TensorSpec(None, tf.float32), tf.TensorSpec([], tf.float32)]"


def _decorator(run: str, signature: str = SIGNATURE) -> str:
    """The line above a step's ``def`` for ``run``: nothing (eager), or ``@tf.function`` with the run's option."""
    option = {"reduce_retracing": "reduce_retracing=True", "jit_compile": "jit_compile=True",
              "no_autograph": "autograph=False", "input_signature": f"input_signature={signature}",
              "concrete": f"input_signature={signature}",
              "experimental": "experimental_relax_shapes=True, experimental_follow_type_hints=True, "
                              "experimental_autograph_options=tf.autograph.experimental.Feature.ALL, "
                              "experimental_attributes={'_noinline': True}",
              "experimental_compile": "experimental_compile=True"}.get(run)
    return "" if run == "eager" else f"@tf.function({option})\n" if option else "@tf.function\n"


#: How the body adds one to the counter ``{s}``. Source: "increment" is assign_add(1) on the page; TensorFlow
#: takes it with every option of assign_add, with a tensor delta, or as an assign of the read value plus one.
INCREMENTS = ("{s}.assign_add(1)", "{s}.assign_add(1, read_value=False)",
              "{s}.assign_add(tf.constant(1, dtype=tf.int64))", "{s}.assign_add(1, use_locking=True, name='increment')",
              "{s}.assign({s} + 1)", "{s}.assign({s}.read_value() + 1, read_value=False)",
              "{s}.assign({s} + 1, use_locking=True, name='increment')")


def decorator(compiled: bool, reduce_retracing: bool = False) -> str:
    """The line above a training step: ``@tf.function`` (with an option), or nothing (eager Python)."""
    return _decorator(("reduce_retracing" if reduce_retracing else "function") if compiled else "eager")


def define_step(p, run: str, body: str, names: dict, *, parameters: str = "x, scale", name: str = "train_step",
                signature: str = SIGNATURE):
    """``name(<parameters>)`` running ``body`` as ``run`` says (RUNS). ``body`` is indented by two spaces and
    written over ``{key}`` placeholders for ``names`` (program names): a Module's method reads them as its
    attributes (``self.global_step``), every other kind as the program's names. ``signature``: the
    input_signature for the parameters."""
    if run == "module":
        attributes = {key: f"self.{key}" for key in names}
        inits = "".join(f"    self.{key} = {key}\n" for key in names)
        method = "\n".join("  " + line for line in body.format(**attributes).splitlines())
        p.define(f"class Trainer(tf.Module):\n  def __init__(self, {', '.join(names)}):\n"
                 f"    super().__init__(name='trainer')\n{inits}\n  @tf.function\n"
                 f"  def {name}({', '.join(['self', *filter(None, [parameters])])}):\n{method}\n", "Trainer")
        trainer = p.eval(f"Trainer({', '.join(names.values())})", as_="trainer")
        return p.eval(f"{p.ref(trainer)}.{name}", as_=name)
    function = name if run != "concrete" else f"{name}_function"
    defined = p.define(f"{_decorator(run, signature)}def {function}({parameters}):\n{body.format(**names)}\n",
                       function)
    return defined if run != "concrete" else p.eval(f"{function}.get_concrete_function()", as_=name)


def feed(length: int) -> str:
    """A float input: a scalar for length 0, else a vector of that length."""
    return "tf.constant(2.0)" if length == 0 else f"tf.constant({[1.0] * length})"


def checkpoint_prefix(p):
    """``prefix = os.path.join(tempfile.mkdtemp(), "ckpt")`` in the program; the folder is removed afterwards."""
    return sc.temporary_path(p, "prefix", "ckpt")
