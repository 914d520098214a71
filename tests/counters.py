"""Strategies and set-ups for the step-counter surface (group "iterations", IT-*): a Keras optimizer's `iterations`.

A counter backend is a Keras-3-like namespace, written ``keras`` in reproductions: ``optimizers.<Name>`` with
``iterations``, ``build`` and ``apply_gradients``, ``Variable``, ``ops.convert_to_tensor`` and
``ops.convert_to_numpy``. Gradients are constants, so the same tests run on every framework.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from harness import assertions as ah
from harness.outcomes import MissingAPI, checking

#: Optimizers every counter backend has ("at least SGD, Adam and one more"), with their arguments.
REQUIRED = {"SGD": {"learning_rate": 0.1}, "Adam": {"learning_rate": 0.1}, "RMSprop": {"learning_rate": 0.1}}
#: Keras 3's other optimizers: checked where the backend has them. Source: the page says "a Keras optimizer",
#: any of them; the counter belongs to the base class.
OPTIONAL = {name: {"learning_rate": 0.1} for name in ("Adagrad", "Adamax", "Nadam", "AdamW", "Lion", "Adadelta",
                                                      "Ftrl", "Lamb", "Adafactor", "ScheduleFreeAdamW", "Muon")}
#: Each optimizer's own options away from their defaults (Options.tuned). Source: the constructors' signatures
#: (spec/api.json); none of these changes what a call adds to the count (measured on Keras 3.15: 1 per call).
TUNED = {
    "SGD": {"momentum": 0.5, "nesterov": True},
    "Adam": {"beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-4, "amsgrad": True},
    "RMSprop": {"rho": 0.8, "momentum": 0.5, "epsilon": 1e-6, "centered": True},
    "Adagrad": {"initial_accumulator_value": 0.5, "epsilon": 1e-6},
    "Adadelta": {"rho": 0.9, "epsilon": 1e-6},
    "Ftrl": {"learning_rate_power": -0.3, "initial_accumulator_value": 0.2, "l1_regularization_strength": 0.001,
             "l2_regularization_strength": 0.001, "l2_shrinkage_regularization_strength": 0.001, "beta": 0.1},
    "Lion": {"beta_1": 0.8, "beta_2": 0.9},
    "Nadam": {"beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-6},
    "Adamax": {"beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-6},
    "AdamW": {"beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-6, "amsgrad": True},
    "Lamb": {"beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-6},
    "Adafactor": {"beta_2_decay": -0.7, "epsilon_1": 1e-29, "epsilon_2": 1e-2, "clip_threshold": 0.5,
                  "relative_step": False},
    "ScheduleFreeAdamW": {"beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-6, "warmup_steps": 2},
    "Muon": {"adam_beta_1": 0.8, "adam_beta_2": 0.99, "adam_weight_decay": 0.001, "epsilon": 1e-6,
             "exclude_layers": ["bias"], "exclude_embeddings": False, "muon_a": 3.0, "muon_b": -4.0, "muon_c": 2.0,
             "adam_lr_ratio": 0.5, "momentum": 0.9, "ns_steps": 3, "nesterov": False, "rms_rate": 0.1},
}
#: Optimizers whose update is exactly zero at learning rate 0 (Ftrl and Adadelta divide by it or ignore it).
ZERO_RATE_SAFE = (*REQUIRED, "Adagrad", "Adamax", "Nadam", "AdamW", "Lion")
#: Optimizers whose update does not read the variable's value (momentum, Adam's moments, RMS averages and the like
#: read only gradients), each with the optimizer that makes the same update without weight decay (AdamW refuses
#: weight_decay=None: Adam is AdamW without it). Keras 3 decays before the update, ``v -= v * weight_decay * rate``,
#: so the decayed variable is the undecayed update applied to the shrunk value, whatever the rule (Lamb, Ftrl,
#: Adafactor, ScheduleFreeAdamW and Muon read the variable, so the update itself changes with decay).
DECOUPLED = {"SGD": "SGD", "Adam": "Adam", "AdamW": "Adam", "Adamax": "Adamax", "Nadam": "Nadam",
             "RMSprop": "RMSprop", "Adagrad": "Adagrad", "Adadelta": "Adadelta", "Lion": "Lion",
             "UserMomentum": "UserMomentum"}
#: The weight decay of an optimizer made without ``weight_decay`` (Keras 3: AdamW's default; None for the others).
DEFAULT_WEIGHT_DECAY = {"AdamW": 0.004}
#: Shapes of the trained variables: "whatever the number of variables" and whatever their shapes.
SHAPES = ((), (2,), (2, 3))
#: How the (gradient, variable) pairs reach apply_gradients. The page passes ``zip(grads, var_list)``, an
#: iterator that can be read once; a list and a tuple are what most code passes; a generator is read once too;
#: "apply" is Keras 3's ``apply(grads, trainable_variables)``, which apply_gradients calls (a backend without it,
#: Keras 2, gets the list form; test_apply_counts_as_apply_gradients_does requires it).
PAIR_FORMS = ("zip", "list", "tuple", "generator", "apply")
#: What one gradient is. "none": no gradient for that variable (at least one other has one); zero and
#: non-finite gradients are still applied steps (notes §12: "zero-valued gradient: increments").
GRADIENTS = ("dense", "zero", "none", "nan", "inf")




#: An optimizer a user writes through Keras 3's extension points (``build`` making slots with
#: ``add_variable_from_reference``, ``update_step`` with ``assign``, ``assign_add``, ``assign_sub``), as Keras's
#: guide shows: momentum in a slot (and a slot of ones, a per-element gradient scale left at 1). Source: the counter
#: is the base class's, whoever writes the update rule.
USER_OPTIMIZERS = {"UserMomentum": '''
class UserMomentum(keras.optimizers.Optimizer):
  """Momentum written through Keras 3's build and update_step."""
  def __init__(self, learning_rate=0.01, name="user_momentum", **kwargs):
    super().__init__(learning_rate=learning_rate, name=name, **kwargs)
  def build(self, variables):
    if self.built:
      return
    super().build(variables)
    self.velocities = [self.add_variable_from_reference(v, "velocity") for v in variables]
    self.scales = [self.add_variable_from_reference(v, "scale", initializer="ones") for v in variables]
  def update_step(self, gradient, variable, learning_rate):
    index = self._get_variable_index(variable)
    velocity, scale = self.velocities[index], self.scales[index]
    learning_rate = keras.ops.cast(learning_rate, variable.dtype)
    self.assign(velocity, keras.ops.multiply(velocity, 0.5))
    self.assign_add(velocity, keras.ops.multiply(gradient, scale))
    self.assign_sub(variable, keras.ops.multiply(learning_rate, velocity))
'''}
#: The options of Keras 3's base optimizer (keras.optimizers.Optimizer takes them through **kwargs).
BASE_OPTIONS = ("weight_decay", "clipnorm", "clipvalue", "global_clipnorm", "use_ema", "ema_momentum",
                "ema_overwrite_frequency", "loss_scale_factor", "gradient_accumulation_steps", "name")
#: What a backend needs for USER_OPTIMIZERS (Keras 2 writes its optimizers another way: it gets SGD instead).
USER_API = ("add_variable_from_reference", "_get_variable_index", "update_step", "assign", "assign_add", "assign_sub")


def available(counter, name: str) -> str:
    """``name``, or SGD when it is an optional optimizer the backend lacks (the program shows which ran)."""
    if name in USER_OPTIMIZERS:
        base = counter.api("optimizers.Optimizer") if counter.has("optimizers.Optimizer") else None
        extensible = base is not None and all(hasattr(base, n) for n in USER_API) and counter.has("ops.cast")
        return name if extensible else "SGD"
    return name if name in REQUIRED or counter.has(f"optimizers.{name}") else "SGD"


#: Every optimizer the counter tests know: a grid where a test must reach each one (a backend without an optional
#: one runs SGD in its place), and a strategy where drawing some is enough.
NAMES = (*REQUIRED, *OPTIONAL, *USER_OPTIMIZERS)
optimizers = st.sampled_from(NAMES)


#: What a gradient is given as: "tensor", the backend's own (``ops.convert_to_tensor``), or "array", a NumPy array
#: (``ops.convert_to_numpy``), as a user's code may hold one. Keras 3 on TensorFlow, JAX and NumPy takes both; on
#: PyTorch only tensors (a known divergence), so only the test of this dimension draws arrays.
CONTAINERS = ("tensor", "array")


@dataclass(frozen=True)
class Call:
    """One apply_gradients call: a gradient kind per variable (not all "none"), the pair form, a value, and what
    the gradients are given as (CONTAINERS)."""

    kinds: tuple[str, ...]
    form: str = "zip"
    value: float = 1.0
    container: str = "tensor"


def calls(variables: int, *, min_size: int = 0, max_size: int = 6, kinds=GRADIENTS, containers=("tensor",)):
    """Lists of apply_gradients calls over ``variables`` variables, each applying at least one gradient, with
    gradients given as one of ``containers``."""
    one = st.builds(
        Call,
        st.lists(st.sampled_from(kinds), min_size=variables, max_size=variables).map(tuple)
          .filter(lambda ks: any(k != "none" for k in ks)),
        st.sampled_from(PAIR_FORMS),
        st.floats(-4, 4, allow_nan=False, width=32).filter(lambda x: x != 0),
        st.sampled_from(containers),
    )
    return st.lists(one, min_size=min_size, max_size=max_size)


shapes = st.lists(st.sampled_from(SHAPES), min_size=1, max_size=3).map(tuple)


# -- the optimizer's options ------------------------------------------------------------------------------
#: How the learning rate is given. Source: Keras 3 "learning_rate: A float, a LearningRateSchedule instance, or a
#: callable that takes no arguments and returns the actual value to use."
RATES = ("float", "schedule", "callable", "default")  # default: not passed, the optimizer's own
#: The clipping options of the base class; at most one of them (Keras raises ValueError for two).
CLIPS = ("clipnorm", "clipvalue", "global_clipnorm")


@dataclass(frozen=True)
class Options:
    """The base-class options an optimizer is made with (Keras 3's ``keras.optimizers.Optimizer``).

    Source: the page says "Create a Keras optimizer": any optimizer, with any of its options. None of them
    changes what one call adds to ``iterations`` (IT-APPLY-ADDS-ONE and the others hold under each), except
    ``gradient_accumulation_steps`` (IT-ACCUMULATION-COUNTS-UPDATES): tests that draw it say so.
    """

    rate: str = "float"
    rate_value: float = 0.1  # the float rate, or what the schedule or callable gives at first
    weight_decay: float | None = None
    clip: tuple[str, float] | None = None  # (one of CLIPS, its value)
    # use_ema=True with (ema_momentum, ema_overwrite_frequency); None in either: left out (Keras's default)
    ema: tuple[float | None, int | None] | None = None
    loss_scale_factor: float | None = None
    name: str | None = None
    accumulation: int | None = None  # gradient_accumulation_steps
    tuned: bool = False  # the optimizer's own options (TUNED) away from their defaults
    positional: bool = False  # the learning rate passed by position, as ``SGD(0.1)``

    def keywords(self) -> dict:
        """The constructor's keyword arguments, the learning rate's aside."""
        found = {"weight_decay": self.weight_decay, "loss_scale_factor": self.loss_scale_factor, "name": self.name,
                 "gradient_accumulation_steps": self.accumulation}
        if self.clip:
            found[self.clip[0]] = self.clip[1]
        if self.ema:
            found.update(use_ema=True, ema_momentum=self.ema[0], ema_overwrite_frequency=self.ema[1])
        return {key: value for key, value in found.items() if value is not None}


#: The values each base option is drawn from, by kind of value. Source: Keras 3's base optimizer. 0 is an ordinary
#: value, not "missing": a rate of 0.0 still counts; a clip, ``ema_overwrite_frequency`` or
#: ``gradient_accumulation_steps`` of 0 is off (Keras tests them for truth). A Python int is accepted where a float
#: is documented (the clips, ``weight_decay``, ``ema_momentum``, ``loss_scale_factor``), except for the learning
#: rate: Keras refuses an int there (ValueError), so it is drawn as floats only.
OPTION_VALUES = {
    "learning_rate": (0.1, 0.0),
    "weight_decay": (0.0, 0, 0.01, 0.5),
    "clip": (0.1, 1.0, 10.0, 0.0, 0, 1, 10),
    "ema_momentum": (0.0, 0, 0.5, 0.99),
    "ema_overwrite_frequency": (0, 1, 2, 3),
    "loss_scale_factor": (0.5, 2, 128.0),
}


def options(*, rates=RATES, accumulation: bool = False):
    """Options as a user sets them: each base option on or off, values across their range (OPTION_VALUES);
    without ``accumulation``, gradient_accumulation_steps is left out or 0 (off)."""
    values = {key: st.sampled_from(choices) for key, choices in OPTION_VALUES.items()}
    return st.builds(
        Options,
        rate=st.sampled_from(rates),
        rate_value=values["learning_rate"],
        weight_decay=st.none() | values["weight_decay"],
        clip=st.none() | st.tuples(st.sampled_from(CLIPS), values["clip"]),
        ema=st.none() | st.tuples(st.none() | values["ema_momentum"], st.none() | values["ema_overwrite_frequency"]),
        loss_scale_factor=st.none() | values["loss_scale_factor"],
        name=st.none() | st.sampled_from(["my_optimizer", "opt_2"]),
        accumulation=st.integers(2, 4) if accumulation else st.none() | st.just(0),
        tuned=st.booleans(),
        positional=st.booleans(),
    )


#: Every base option at once, for the explicit examples (clipping by value, EMA overwriting every other call).
EVERYTHING = Options(rate="callable", weight_decay=0.01, clip=("clipvalue", 1.0), ema=(0.5, 2), loss_scale_factor=2.0,
                     name="my_optimizer", tuned=True)


def chosen_options(name: str, options: Options) -> dict:
    """Every constructor option ``options`` asks ``name`` for: the base class's, then its own (TUNED), so a
    backend missing base options is named by the first of those."""
    chosen = options.keywords()
    own = TUNED.get(name, {}) if options.tuned else {}
    return {**chosen, **{key: value for key, value in own.items() if key not in chosen}}


def declares(counter, name: str, option: str, namespace: str = "optimizers") -> bool:
    """Whether ``<namespace>.<name>``'s constructor declares ``option`` (a backend that lacks an option is not
    made with it, except by ``make_optimizer(strict=True)``); a user's optimizer passes the base class's own
    options on through ``**kwargs``. A tf2 backend's optimizers are in ``keras.optimizers``."""
    if name in USER_OPTIMIZERS:
        return option in BASE_OPTIONS
    try:
        return option in inspect.signature(counter.api(f"{namespace}.{name}")).parameters
    except (TypeError, ValueError):  # no signature to read: pass the option and let the call say
        return True


def declared(counter, name: str, options: Options) -> Options:
    """``options`` less those ``name``'s constructor does not declare: what ``make_optimizer`` passes (without
    ``strict``), for a test whose expectation depends on the options the optimizer was made with."""
    name = available(counter, name)

    def keep(value, *keywords):
        return value if value is not None and all(declares(counter, name, k) for k in keywords) else None

    return dataclasses.replace(
        options, weight_decay=keep(options.weight_decay, "weight_decay"),
        clip=keep(options.clip, options.clip[0]) if options.clip else None,
        ema=keep(options.ema, "use_ema", "ema_momentum", "ema_overwrite_frequency"),
        loss_scale_factor=keep(options.loss_scale_factor, "loss_scale_factor"),
        accumulation=keep(options.accumulation, "gradient_accumulation_steps"), name=keep(options.name, "name"))


#: A LossScaleOptimizer's own options: where the scale starts, how many finite steps double it. Neither changes
#: which calls count (a skipped call never does, whatever the scale).
loss_scales = st.fixed_dictionaries({}, optional={"initial_scale": st.sampled_from([1.0, 4.0, 2.0**15]),
                                                  "dynamic_growth_steps": st.sampled_from([1, 2, 2000]),
                                                  "name": st.just("loss_scale")})


def make_loss_scale(p, counter, inner, options: dict, *, strict: bool = False):
    """``keras.optimizers.LossScaleOptimizer(inner, **options)``, with the options its constructor declares; with
    ``strict``, one it does not declare is a MissingAPI."""
    for option in options:
        if strict and not declares(counter, "LossScaleOptimizer", option):
            raise MissingAPI(f"backend {counter.name!r} lacks {counter.alias}.optimizers.LossScaleOptimizer({option}="
                             "...): its constructor does not take the option; the clause cannot be checked without it")
    declared = {key: value for key, value in options.items() if declares(counter, "LossScaleOptimizer", key)}
    return p.call("optimizers.LossScaleOptimizer", inner, **declared, as_="wrapper")


# -- what SGD does with the base options (IT-APPLY-UPDATES-VARIABLES) ----------------------------------------
#: How close a backend's float values must be to values worked out in float64: (rtol, atol) per dtype.
TOLERANCES = {"float16": (2e-2, 2e-2), "float32": (1e-4, 1e-5), "float64": (1e-6, 1e-7)}


def _clipped(clip, grads: list) -> list:
    """Keras 3's _clip_gradients: by value, by each gradient's norm, or by the norm of them all."""
    if clip is None:
        return grads
    kind, limit = clip
    if not limit > 0:  # Keras: "if self.clipnorm and self.clipnorm > 0", and so on: 0 is off
        return grads
    if kind == "clipvalue":
        return [np.clip(g, -limit, limit) for g in grads]
    norms = [float(np.sqrt(np.sum(g * g))) for g in grads]
    if kind == "clipnorm":
        return [g * min(1.0, limit / norm) if norm > 0 else g for g, norm in zip(grads, norms, strict=True)]
    total = float(np.sqrt(sum(norm * norm for norm in norms)))
    return [g * min(1.0, limit / total) if total > 0 else g for g in grads]


def sgd_values(options: Options, rate: float | list[float], start: list, gradients: list[float], *,
               momentum: float = 0.0, decayed: list[bool] | None = None) -> list[list[np.ndarray]]:
    """Keras 3's SGD worked by hand: the variables after each call whose gradients are all ``g``; with
    ``momentum``, UserMomentum's rule (``velocity = momentum * velocity + g``, then ``v -= rate * velocity``).
    ``rate``: one for every call, or a list of the rate at each call (a callable rate that changes);
    ``decayed``: which variables weight decay applies to (``exclusions``), all when None.

    Source: keras/src/optimizers/base_optimizer.py (apply, _backend_apply_gradients, _clip_gradients,
    _apply_weight_decay, _update_model_variables_moving_average). The gradients are divided by loss_scale_factor;
    with gradient_accumulation_steps=n a call that is not the n-th adds them up and the n-th applies their mean;
    an update clips, decays each variable by ``v * weight_decay * rate``, then steps by ``rate * g``; with use_ema
    every call then moves the averages (momentum 0 while ``iterations`` reads 0) and when ``iterations + 1`` is a
    multiple of ema_overwrite_frequency the variables take them. ``iterations`` is read before the increment
    (with accumulation: the updates applied). Written apart from the reference, so a reference that drifts from
    Keras fails too.
    """
    values = [np.asarray(v, np.float64) for v in start]
    velocities = [np.zeros_like(v) for v in values]
    averages = [np.zeros_like(v) for v in values]
    sums = [np.zeros_like(v) for v in values]
    steps = options.accumulation
    rates = rate if isinstance(rate, list) else [rate] * len(gradients)
    after = []
    for calls, (g, rate) in enumerate(zip(gradients, rates, strict=True)):
        grads = [np.full_like(v, g) for v in values]
        if options.loss_scale_factor is not None:
            grads = [x / options.loss_scale_factor for x in grads]
        if steps and (calls + 1) % steps:
            sums = [total + x for total, x in zip(sums, grads, strict=True)]
        else:
            if steps:
                grads = [(x + total) / steps for x, total in zip(grads, sums, strict=True)]
                sums = [np.zeros_like(v) for v in values]
            grads = _clipped(options.clip, grads)
            if options.weight_decay:
                values = [v - v * options.weight_decay * rate if decays else v
                          for v, decays in zip(values, decayed or [True] * len(values), strict=True)]
            velocities = [momentum * u + x for u, x in zip(velocities, grads, strict=True)]
            values = [v - rate * u for v, u in zip(values, velocities, strict=True)]
        if options.ema:
            ema_momentum, frequency = options.ema
            ema_momentum = 0.99 if ema_momentum is None else ema_momentum  # left out: Keras's default
            iterations = calls // steps if steps else calls
            weight = ema_momentum if iterations else 0.0
            averages = [weight * a + (1 - weight) * v for a, v in zip(averages, values, strict=True)]
            if frequency and (iterations + 1) % frequency == 0:
                values = [a.copy() for a in averages]
        after.append(values)
    return after


#: Patterns for exclude_from_weight_decay(var_names=...) over variables named ``w_0``, ``w_1`` or left unnamed
#: (Keras names it ``variable``, tf.Variable ``Variable:0``): one matches inside a name, not at its start (Keras
#: searches the name), one matches both given names, one only a default name, one none.
NAME_PATTERNS = ("w_0", "_1", "w_", "able", "bias")


def exclusions(count: int):
    """What ``exclude_from_weight_decay`` is told for ``count`` variables named ``w_<i>``, or None (not called):
    ``var_list`` as the variables' indices, ``var_names`` as patterns, either, both, or given empty."""
    return st.none() | st.fixed_dictionaries(
        {}, optional={"var_list": st.lists(st.integers(0, count - 1), unique=True),
                      "var_names": st.lists(st.sampled_from(NAME_PATTERNS), unique=True)})


def decayed(exclude: dict | None, names: list[str]) -> list[bool]:
    """Which of the variables named ``names`` weight decay applies to after ``exclude_from_weight_decay`` was told
    ``exclude`` (Keras: not those listed, nor those whose name has a match of a pattern)."""
    exclude = exclude or {}
    return [i not in exclude.get("var_list", ()) and not any(re.search(pattern, name)
                                                             for pattern in exclude.get("var_names", ()))
            for i, name in enumerate(names)]


def exclude_from_weight_decay(p, opt, exclude: dict | None, variables: list) -> None:
    """``opt.exclude_from_weight_decay(...)`` told ``exclude`` (from ``exclusions``), the indices given as the
    variables; nothing when ``exclude`` is None."""
    if exclude is None:
        return
    keywords = {**exclude, **({"var_list": [variables[i] for i in exclude["var_list"]]} if "var_list" in exclude
                              else {})}
    p.method(opt, "exclude_from_weight_decay", **keywords)


# -- set-ups --------------------------------------------------------------------------------------------------
#: The last step at which the schedule ``learning_rate`` makes gives its first value; after it, half of that.
SCHEDULE_BOUNDARY = 2


def scheduled(value: float, steps: list[int]) -> list[float]:
    """What the schedule ``learning_rate(p, "schedule", value)`` gives at each of ``steps``."""
    return [value if step <= SCHEDULE_BOUNDARY else value / 2 for step in steps]


def learning_rate(p, kind: str, value: float = 0.1):
    """``value`` as a float, a schedule that is ``value`` up to step SCHEDULE_BOUNDARY and half of it after (Keras
    calls it with the optimizer's raw count of calls), or a callable that returns what a list holds
    (``rate_now[0]``, ``value`` at first; ``set_rate`` changes it: Keras calls the callable at each update)."""
    if kind == "schedule":
        return p.call("optimizers.schedules.PiecewiseConstantDecay", [SCHEDULE_BOUNDARY], [value, value / 2],
                      as_="rate")
    if kind == "callable":
        cell = p.eval(f"[{value!r}]", as_="rate_now")
        return p.eval(f"lambda: {p.ref(cell)}[0]", as_="rate")
    return value


def set_rate(p, value: float) -> None:
    """What the callable learning rate ``learning_rate`` made last returns from now on."""
    p.eval(f"{p.current('rate_now')}.__setitem__(0, {value!r})")


def make_optimizer(p, counter, name: str, as_: str = "opt", options: Options = Options(), *, strict: bool = False,
                   declared_by=None, **overrides):
    """``keras.optimizers.<name>(learning_rate=..., **options)`` (SGD for an optional optimizer the backend lacks).

    An option the backend's constructor (or ``declared_by``'s: the backend a model is compared with) does not
    declare is left out; with ``strict``, it is a MissingAPI.
    """
    name = available(declared_by or counter, name)
    arguments = {**REQUIRED.get(name, OPTIONAL.get(name, {})), "learning_rate": options.rate_value, **overrides}
    if "learning_rate" not in overrides and options.rate == "default":
        del arguments["learning_rate"]
    elif "learning_rate" not in overrides and options.rate != "float":
        arguments["learning_rate"] = learning_rate(p, options.rate, arguments["learning_rate"])
    for option, value in chosen_options(name, options).items():
        if declares(declared_by or counter, name, option):
            arguments[option] = value
        elif strict:
            raise MissingAPI(f"backend {counter.name!r} lacks {counter.alias}.optimizers.{name}({option}=...): its "
                             "constructor does not take the option; the clause cannot be checked without it")
    first = (arguments.pop("learning_rate"),) if options.positional and "learning_rate" in arguments else ()
    if name in USER_OPTIMIZERS:  # the user's class, written into the program once
        p.define_once(USER_OPTIMIZERS[name], name)
        return p.eval(f"{name}({p.arguments(first, arguments)})", as_=as_)
    return p.call(f"optimizers.{name}", *first, **arguments, as_=as_)


@st.composite
def trainings(draw, *, min_calls: int = 1, max_calls: int = 6, kinds=GRADIENTS, containers=("tensor",)):
    """(shapes, calls): the variables trained and the apply_gradients calls made on them."""
    shapes_ = draw(shapes)
    return shapes_, draw(calls(len(shapes_), min_size=min_calls, max_size=max_calls, kinds=kinds,
                               containers=containers))


#: Float dtypes of the trained variables ("whatever the variables"): Keras trains each; bfloat16 needs ml_dtypes,
#: which the reference (numpy only) does not have yet.
FLOATS = ("float32", "float16", "float64")
#: Optimizers that train fewer dtypes (measured on Keras 3.15 with TensorFlow): Muon's orthogonalisation of a 2-D
#: float64 variable mixes float32 in (InvalidArgumentError), so it gets float32 variables.
FLOATS_OF = {"Muon": ("float32",)}
#: Optimizers that train one dtype at a time: Keras 2's Nadam keeps one momentum product for all its variables, in
#: the first variable's dtype, so float32 and float16 variables together raise InvalidArgumentError (tf_keras 2.21).
ONE_DTYPE = ("Nadam",)


def floats_for(name: str, dtypes: tuple) -> tuple:
    """``dtypes`` with those ``name`` does not train replaced by float32 (and only the first, for ONE_DTYPE)."""
    allowed = FLOATS_OF.get(name, FLOATS)
    chosen = tuple(d if d in allowed else "float32" for d in dtypes)
    return chosen[:1] if name in ONE_DTYPE else chosen


def dtype_keyword(dtype: str) -> dict:
    """``dtype=`` for a float value, left out for float32: Keras's default for a float, what users rely on."""
    return {} if dtype == "float32" else {"dtype": dtype}


#: How the i-th trained variable is made, in turn: Keras 3's ``Variable`` options. Source: its signature,
#: "initializer: Initial value or callable for initialization. If a callable is used, it should take the
#: arguments shape and dtype", and the autocast, aggregation and synchronization options, none of which changes a
#: one-device count (measured on Keras 3.15 with JAX, TensorFlow and torch).
VARIABLE_MAKINGS = ({}, {"initializer": "ones", "shape": True, "trainable": True, "autocast": False,
                         "aggregation": "mean", "synchronization": "on_write"},
                    {"aggregation": "only_first_replica", "synchronization": "none", "autocast": True})


def make_variables(p, shapes_, dtypes=("float32",)) -> list:
    """A ``keras.Variable`` of ones per shape, of ``dtypes`` in turn (float32 by default, without ``dtype=``), made
    in turn with each of VARIABLE_MAKINGS."""
    made = []
    for i, shape in enumerate(shapes_):
        options = dict(VARIABLE_MAKINGS[i % len(VARIABLE_MAKINGS)])
        initializer = options.pop("initializer", np.ones(shape).tolist())
        if options.pop("shape", False):
            options["shape"] = tuple(shape)
        made.append(p.call("Variable", initializer, **options, **dtype_keyword(dtypes[i % len(dtypes)]),
                           name=f"w_{i}", as_="w"))
    return made


def dtype_name(variable) -> str:
    """A variable's dtype as a name (Keras 3 gives a string, TensorFlow a DType)."""
    dtype = variable.dtype
    return getattr(dtype, "name", None) or str(dtype)


def gradient(p, kind: str, shape, value: float, dtype: str = "float32", container: str = "tensor"):
    """The gradient of one variable: a tensor of its dtype (or that tensor as a NumPy array), or None."""
    if kind == "none":
        return None
    fill = {"dense": value, "zero": 0.0, "nan": float("nan"), "inf": float("inf")}[kind]
    tensor = p.call("ops.convert_to_tensor", np.full(shape, fill).tolist(), **dtype_keyword(dtype), as_="g")
    return tensor if container == "tensor" else p.call("ops.convert_to_numpy", tensor, as_="g")


def apply(p, opt, variables: list, call: Call, *, tolerate: bool = False):
    """``opt.apply_gradients(pairs)``, the pairs written as ``call.form`` says; ``tolerate``: the clause allows
    the call to raise (it checks the count the call leaves)."""
    grads = [gradient(p, kind, tuple(v.shape), call.value, dtype_name(v), call.container)
             for kind, v in zip(call.kinds, variables, strict=True)]
    names = [p.ref(g) if g is not None else "None" for g in grads]
    refs = [p.ref(v) for v in variables]
    items = ", ".join(f"({g}, {v})" for g, v in zip(names, refs, strict=True))
    lists = f"[{', '.join(names)}], [{', '.join(refs)}]"
    if call.form == "apply" and hasattr(opt, "apply"):
        grads_list, variables_list = p.eval(f"[{', '.join(names)}]", as_="grads"), p.eval(f"[{', '.join(refs)}]",
                                                                                          as_="trained")
        if tolerate:
            return p.tolerate(opt, "apply", grads_list, variables_list)
        return p.method(opt, "apply", grads_list, variables_list)
    expression = {"zip": f"zip({lists})", "list": f"[{items}]", "tuple": f"({items},)", "apply": f"[{items}]",
                  "generator": f"((g, v) for g, v in zip({lists}))"}[call.form]
    pairs = p.eval(expression, as_="pairs")
    return p.tolerate(opt, "apply_gradients", pairs) if tolerate else p.method(opt, "apply_gradients", pairs)


def count(p, opt) -> int:
    """``int(keras.ops.convert_to_numpy(opt.iterations))``: the counter as a plain number (a counter that is not one
    number fails IT-READ-AS-NUMBER here)."""
    value = p.call("ops.convert_to_numpy", p.attr(opt, "iterations"), as_="count")
    with checking("IT-READ-AS-NUMBER"):
        item = np.asarray(value).item() if np.ndim(value) == 0 else value
        ah.assert_equal(p, "isinstance(count.item(), int)", isinstance(item, int), True)
    return int(item)


def assert_count(p, opt, expected: int) -> None:
    """``int(count) == expected``, the check naming the reading it makes (``count_2`` when ``count`` is taken)."""
    observed = count(p, opt)
    ah.assert_equal(p, f"int({p.current('count')})", observed, expected)
