"""A pure-Python mini-Keras: the step-counter surface of the page's "Migrate to TF2" section.

The page tells users of the v1 global step to use a Keras optimizer's ``iterations`` instead. This module is the
reference for that surface, as impls/reference is for the v1 one: exactly the Keras 3 names the suite uses,
written to be read, no framework imported. ``--backend=reference`` tests both surfaces; this module alone is
``--backend=impls.reference.keras``.

- ``Variable``                 a value with a dtype and a shape, ``assign`` and ``assign_add``
- ``optimizers.SGD`` / ``Adam`` / ``RMSprop``   each with ``iterations``, ``build``, ``apply_gradients``,
  ``save_own_variables`` and ``load_own_variables``
- ``optimizers.LossScaleOptimizer``   dynamic loss scaling around an optimizer, sharing its counter
- ``optimizers.schedules.PiecewiseConstantDecay``   a learning rate read from the count
- ``ops.convert_to_tensor`` and ``ops.convert_to_numpy``

The counter is an int64 scalar created with the optimizer, not trainable, and each ``apply_gradients`` call that
applies at least one gradient adds 1 after the variables are updated (so a schedule sees the count before it).
"""

from __future__ import annotations

import bisect
import inspect
import re
import warnings
from types import SimpleNamespace

import numpy as np

__version__ = "1.0.0"


class Variable:
    """A mutable array with a fixed dtype and shape."""

    def __init__(self, initializer, shape=None, dtype=None, trainable: bool = True, name: str | None = None,
                 **distribution):
        """Keras 3's constructor. ``initializer`` is the value, or the name of an initializer ("ones") with
        ``shape``. ``distribution`` takes Keras's ``autocast``, ``aggregation``, ``synchronization`` (and refuses
        any other name): how reads cast under a mixed-precision autocast scope and how copies on several devices
        combine, which change nothing on one device outside such a scope."""
        unknown = set(distribution) - {"autocast", "aggregation", "synchronization"}
        if unknown:
            raise TypeError(f"Variable() got unexpected keyword arguments: {sorted(unknown)}")
        if isinstance(initializer, str):
            initializer = _initial_value(initializer, shape)
        value = np.array(initializer, dtype=dtype if dtype is not None else _default_dtype(initializer))
        self._value = value
        self.trainable = bool(trainable)
        self.name = name if name is not None else "variable"  # Keras's default; its path (OptimizerMap reads it)

    @property
    def dtype(self) -> str:
        return str(self._value.dtype)

    @property
    def shape(self) -> tuple:
        return self._value.shape

    @property
    def value(self) -> np.ndarray:
        return self._value.copy()

    def numpy(self) -> np.ndarray:
        return self._value.copy()

    @property
    def path(self) -> str | None:
        """The name with the name scopes it was made in: here, outside any scope, the name."""
        return self.name

    def assign(self, value) -> Variable:
        new = np.asarray(value, dtype=self._value.dtype)
        if new.shape != self.shape:
            raise ValueError(f"cannot assign a value of shape {new.shape} to variable {self.name} of shape "
                             f"{self.shape}")
        self._value = new.copy()
        return self

    def assign_add(self, delta) -> Variable:
        with np.errstate(all="ignore"):  # integers wrap, floats go to inf/nan: IEEE and two's complement
            return self.assign(self._value + np.asarray(delta))  # assign casts the sum to the variable's dtype

    def __array__(self, dtype=None, copy=None):
        return self.numpy()  # numpy casts it to a dtype it asks for

    def __int__(self) -> int:
        return int(self._value)

    def __repr__(self):
        return f"<Variable {self.name} shape={self.shape} dtype={self.dtype} value={self._value!r}>"


def _initial_value(initializer: str, shape) -> np.ndarray:
    """What initializer ``initializer`` makes for ``shape``; Keras requires the shape with one."""
    if shape is None:
        raise ValueError("When creating a Variable from an initializer, the `shape` argument should be specified.")
    return {"ones": np.ones}[initializer](shape)  # float32 unless the variable's dtype says otherwise


def _default_dtype(value) -> str:
    return "int32" if np.asarray(value).dtype.kind == "i" else "float32"  # Keras's default int and float


def convert_to_numpy(x) -> np.ndarray:
    return np.array(x)  # a Variable through __array__


def convert_to_tensor(x, dtype=None) -> np.ndarray:
    return np.array(convert_to_numpy(x), dtype=dtype if dtype is not None else _default_dtype(x))


def greater(x, y) -> np.ndarray:
    return np.greater(convert_to_numpy(x), convert_to_numpy(y))


def where(condition, x, y) -> np.ndarray:
    return np.where(convert_to_numpy(condition), convert_to_numpy(x), convert_to_numpy(y))


def multiply(x, y) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.multiply(convert_to_numpy(x), convert_to_numpy(y))


def cast(x, dtype) -> np.ndarray:
    return np.asarray(convert_to_numpy(x)).astype(dtype)


ops = SimpleNamespace(convert_to_numpy=convert_to_numpy, convert_to_tensor=convert_to_tensor, greater=greater,
                      where=where, multiply=multiply, cast=cast)


class LearningRateSchedule:
    """The base class of schedules users write: ``__call__(step)`` gives the rate for the count ``step``."""

    def __call__(self, step):
        raise NotImplementedError(f"{type(self).__name__} must override __call__(self, step)")

    def get_config(self) -> dict:
        raise NotImplementedError(f"{type(self).__name__} must override get_config(self)")


class PiecewiseConstantDecay(LearningRateSchedule):
    """``values[i]`` while the count is at most ``boundaries[i]``, the last value after the last boundary."""

    def __init__(self, boundaries, values):
        if len(values) != len(boundaries) + 1:
            raise ValueError("values must have one more element than boundaries")
        self.boundaries, self.values = list(boundaries), list(values)

    def __call__(self, step) -> float:
        return self.values[bisect.bisect_left(self.boundaries, int(convert_to_numpy(step)))]


def _save(optimizer, store: dict) -> None:
    """``store[str(i)]`` is the optimizer's i-th variable's value."""
    for index, variable in enumerate(optimizer.variables):
        store[str(index)] = variable.numpy()


def _load(optimizer, store: dict) -> None:
    """The store's values into the optimizer's variables, when it holds one per variable; otherwise nothing is
    loaded and a warning says so (Keras 3: an optimizer not built yet on the saved one's variables has fewer)."""
    if len(store) != len(optimizer.variables):
        warnings.warn(f"Skipping variable loading for optimizer {optimizer.name!r}, because it has "
                      f"{len(optimizer.variables)} variables whereas the saved optimizer has {len(store)} variables.",
                      stacklevel=3)
        return
    for index, variable in enumerate(optimizer.variables):
        variable.assign(store[str(index)])


class Optimizer:
    """What every optimizer shares: the counter, the base-class options, building on a variable list, applying,
    saving.

    The options are Keras 3's (``keras.optimizers.Optimizer``): ``weight_decay``, ``clipnorm`` / ``clipvalue`` /
    ``global_clipnorm`` (one of them), ``use_ema`` with ``ema_momentum`` and ``ema_overwrite_frequency``,
    ``loss_scale_factor`` and ``gradient_accumulation_steps``. None of them changes what a call adds to the
    count, except accumulation: then ``iterations`` reads the updates applied, ``calls // steps`` (Keras 3 keeps
    the raw call count and divides it when read, so ``iterations`` is a fresh value there, not the variable).
    """

    def __init__(self, learning_rate=0.001, weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name: str | None = None, **kwargs):
        if kwargs:  # a misspelt option fails; Keras's checks of the options' values are not the counter's contract
            raise ValueError(f"Argument(s) not recognized: {kwargs}")
        self.name = name  # read by no clause; Keras names an optimizer after its class when given none
        self._iterations = self._make_counter()
        self.learning_rate = learning_rate
        self.weight_decay, self.loss_scale_factor = weight_decay, loss_scale_factor
        self.clipnorm, self.clipvalue, self.global_clipnorm = clipnorm, clipvalue, global_clipnorm
        self.use_ema, self.ema_momentum, self.ema_overwrite_frequency = use_ema, ema_momentum, ema_overwrite_frequency
        self.gradient_accumulation_steps = gradient_accumulation_steps or None
        self._trainable: list[Variable] = []
        self._slots: list[Variable] = []
        self._accumulated: list[Variable] = []  # one per trained variable, with gradient accumulation
        self._averages: list[Variable] = []  # one per trained variable, with use_ema
        self._not_decayed: list[Variable] = []  # exclude_from_weight_decay's var_list
        self._not_decayed_names = None  # and its var_names, as one pattern
        self.built = False

    def _make_counter(self) -> Variable:
        """The step counter, made with the optimizer: an int64 scalar at 0, not trainable."""
        return Variable(0, dtype="int64", trainable=False)

    @property
    def iterations(self):
        """The counter; with gradient accumulation, the updates applied (a new value, read from the counter)."""
        if self.gradient_accumulation_steps:
            return Variable(int(self._iterations) // self.gradient_accumulation_steps, dtype="int64", trainable=False)
        return self._iterations

    @property
    def variables(self) -> list[Variable]:
        return [self._iterations, *self._slots, *self._accumulated, *self._averages]

    def build(self, variables) -> None:
        """Make the per-variable state for ``variables``; the optimizer applies to those only."""
        if self.built:
            return
        self._make_state(variables)
        self.built = True

    def _make_state(self, variables) -> None:
        """The per-variable state: the slots, the accumulators (gradient accumulation), the averages (EMA)."""
        self._trainable = list(variables)
        self._slots = [slot for variable in self._trainable for slot in self._make_slots(variable)]
        if self.gradient_accumulation_steps:
            self._accumulated = [Variable(np.zeros(v.shape), dtype=v.dtype, trainable=False) for v in self._trainable]
        if self.use_ema:
            self._averages = [Variable(v.numpy(), dtype=v.dtype, trainable=False) for v in self._trainable]

    def exclude_from_weight_decay(self, var_list=None, var_names=None) -> None:
        """Keras 3's: weight decay leaves out the variables of ``var_list`` and those whose name contains a match of
        one of the patterns ``var_names`` (``re.search``); it can be told only before the optimizer is built."""
        if self.built:
            raise ValueError("`exclude_from_weight_decay()` can only be configured before the optimizer is built.")
        self._not_decayed = list(var_list or [])
        self._not_decayed_names = re.compile("|".join(set(var_names))) if var_names else None

    def _decays(self, variable) -> bool:
        """Whether weight decay applies to ``variable`` (exclude_from_weight_decay)."""
        if any(variable is excluded for excluded in self._not_decayed):
            return False
        return self._not_decayed_names is None or self._not_decayed_names.search(variable.name) is None

    def apply_gradients(self, grads_and_vars) -> Variable:
        pairs = list(grads_and_vars)
        if not pairs:
            raise ValueError("apply_gradients needs at least one (gradient, variable) pair; got none")
        return self.apply([gradient for gradient, _ in pairs], [variable for _, variable in pairs])

    def apply(self, grads, trainable_variables=None):
        """Apply ``grads`` to ``trainable_variables`` (default: the variables it was built with), then add 1."""
        grads = list(grads)
        if trainable_variables is None:
            if not self.built:
                raise ValueError("When passing `grads` without `variables`, the optimizer must already be built on "
                                 "a list of variables. Call `optimizer.build(trainable_variables)` first.")
            trainable_variables = self._trainable
        pairs = list(zip(grads, trainable_variables, strict=True))
        if not pairs:
            raise ValueError("apply needs at least one gradient; got none")
        self.build([variable for _, variable in pairs])
        for _, variable in pairs:
            self._index(variable)  # a variable it was not built with raises
        pairs = [(self._array(gradient, variable), variable) for gradient, variable in pairs if gradient is not None]
        if not pairs:
            raise ValueError("No gradients provided for any variable.")
        if self.loss_scale_factor is not None:
            pairs = [(gradient / self.loss_scale_factor, variable) for gradient, variable in pairs]
        steps = self.gradient_accumulation_steps
        if steps and (int(self._iterations) + 1) % steps:  # not an update step: accumulate only
            for gradient, variable in pairs:
                self._accumulated[self._index(variable)].assign_add(gradient)
        else:
            if steps:
                pairs = [(self._take_accumulated(gradient, variable), variable) for gradient, variable in pairs]
            self._update_all(self._clip(pairs))
        if self.use_ema:
            self._update_averages()
        self._iterations.assign_add(1)
        return self._iterations

    def _update_all(self, pairs) -> None:
        rate = self._learning_rate()  # the count before this call's increment
        for gradient, variable in pairs:
            if self.weight_decay and self._decays(variable):
                with np.errstate(all="ignore"):
                    variable.assign(variable.numpy() - variable.numpy() * self.weight_decay * rate)
            self._update(variable, gradient, rate, self._index(variable))

    def _index(self, variable) -> int:
        for i, known in enumerate(self._trainable):
            if known is variable:
                return i
        raise ValueError(f"Unknown variable: {variable!r}. This optimizer can only be called for the variables it "
                         "was originally built with.")

    @staticmethod
    def _array(gradient, variable) -> np.ndarray:
        return np.asarray(convert_to_numpy(gradient), dtype=variable.dtype)

    def _take_accumulated(self, gradient, variable) -> np.ndarray:
        """The mean of the accumulated gradients and this one; the accumulator starts again at 0."""
        accumulator = self._accumulated[self._index(variable)]
        with np.errstate(all="ignore"):
            mean = (gradient + accumulator.numpy()) / self.gradient_accumulation_steps
        accumulator.assign(np.zeros(accumulator.shape))
        return mean

    def _clip(self, pairs):
        with np.errstate(all="ignore"):
            if self.clipnorm:
                pairs = [(g * min(1.0, self.clipnorm / max(float(np.sqrt(np.sum(g * g))), 1e-30)), v) for g, v in pairs]
            elif self.global_clipnorm:
                norm = float(np.sqrt(sum(np.sum(g * g) for g, _ in pairs)))
                pairs = [(g * min(1.0, self.global_clipnorm / max(norm, 1e-30)), v) for g, v in pairs]
            elif self.clipvalue:
                pairs = [(np.clip(g, -self.clipvalue, self.clipvalue), v) for g, v in pairs]
        return pairs

    def _update_averages(self) -> None:
        """The moving average of each trained variable (the variable itself on the first step); every
        ``ema_overwrite_frequency`` calls, the variables take their averages. Both read ``iterations`` before the
        increment: with gradient accumulation, the updates applied, not the calls (Keras 3 does)."""
        count = int(self.iterations)
        momentum = self.ema_momentum if count else 0.0
        with np.errstate(all="ignore"):
            for i, average in enumerate(self._averages):
                average.assign(momentum * average.numpy() + (1 - momentum) * self._trainable[i].numpy())
        if self.ema_overwrite_frequency and (count + 1) % self.ema_overwrite_frequency == 0:
            for i, average in enumerate(self._averages):
                self._trainable[i].assign(average.numpy())

    def _learning_rate(self) -> float:
        """The rate as Keras keeps it: in float32 (a variable of the float policy), cast to each variable's dtype."""
        rate = self.learning_rate
        if isinstance(rate, LearningRateSchedule):  # called with the count before this call's increment
            return float(np.float32(convert_to_numpy(rate(self._iterations))))
        return float(np.float32(convert_to_numpy(rate() if callable(rate) else rate)))  # a callable takes no argument

    def save_own_variables(self, store: dict) -> None:
        _save(self, store)

    def load_own_variables(self, store: dict) -> None:
        _load(self, store)

    # -- per optimizer -----------------------------------------------------------------------------------
    def _make_slots(self, variable: Variable) -> list[Variable]:
        return []

    def _update(self, variable: Variable, gradient: np.ndarray, rate: float, index: int) -> None:
        """The built-in optimizers' rule; an optimizer a user writes gives ``update_step`` instead."""
        self.update_step(gradient, variable, np.asarray(rate, dtype=variable.dtype))

    # -- Keras 3's extension points, for optimizers users write (``build`` and ``update_step``) ----------------
    def update_step(self, gradient, variable, learning_rate):
        raise NotImplementedError(f"{type(self).__name__} must override update_step(gradient, variable, "
                                  "learning_rate)")

    def add_variable_from_reference(self, reference_variable, name=None, initializer="zeros"):
        """A slot shaped like ``reference_variable`` (``initializer``: "zeros" or "ones"), saved with the
        optimizer's variables."""
        fill = {"zeros": np.zeros, "ones": np.ones}[initializer]
        slot = Variable(fill(reference_variable.shape), dtype=reference_variable.dtype, trainable=False, name=name)
        self._slots.append(slot)
        return slot

    def _get_variable_index(self, variable) -> int:
        return self._index(variable)

    def assign(self, variable, value) -> None:
        variable.assign(convert_to_numpy(value))

    def assign_add(self, variable, value) -> None:
        variable.assign_add(convert_to_numpy(value))

    def assign_sub(self, variable, value) -> None:
        with np.errstate(all="ignore"):
            variable.assign(variable.numpy() - np.asarray(convert_to_numpy(value), dtype=variable.dtype))


#: The options of the base class, as every Keras 3 optimizer's constructor lists them after its own.
BASE_DEFAULTS = {"weight_decay": None, "clipnorm": None, "clipvalue": None, "global_clipnorm": None, "use_ema": False,
                 "ema_momentum": 0.99, "ema_overwrite_frequency": None, "loss_scale_factor": None,
                 "gradient_accumulation_steps": None, "name": None}
BASE_OPTIONS = tuple(BASE_DEFAULTS)


def _base_arguments(arguments: dict) -> dict:
    """What a subclass's constructor passes on to the base class, from its bound arguments (``locals()``): the
    learning rate, the base options, and any keyword it does not know (the base class refuses those)."""
    return {"learning_rate": arguments["learning_rate"], **{option: arguments[option] for option in BASE_OPTIONS},
            **arguments["kwargs"]}


# The update rules past plain gradient descent (momentum, Adam, RMSprop, and the stand-in rule of the optimizers
# made by _plain_optimizer) are numerics, not the counter contract: the suite checks that they change the variables
# and SGD's values exactly, nothing more. Mutation testing (tox -e mutation) leaves them out, as it does v1's.
class SGD(Optimizer):
    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, weight_decay=None, clipnorm=None,
                 clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**_base_arguments(locals()))
        self.momentum, self.nesterov = momentum, nesterov

    def _make_slots(self, variable):
        if not self.momentum:
            return []
        return [Variable(np.zeros(variable.shape), dtype=variable.dtype, trainable=False)]

    def _update(self, variable, gradient, rate, index):
        with np.errstate(all="ignore"):
            if not self.momentum:
                variable.assign(variable.numpy() - rate * gradient)
                return
            # pragma: no mutate start
            m = self._slots[index]
            m.assign(self.momentum * m.numpy() - rate * gradient)
            step = self.momentum * m.numpy() - rate * gradient if self.nesterov else m.numpy()
            variable.assign(variable.numpy() + step)
            # pragma: no mutate end


class Adam(Optimizer):
    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
        super().__init__(**_base_arguments(locals()))
        self.beta_1, self.beta_2, self.epsilon, self.amsgrad = beta_1, beta_2, epsilon, amsgrad

    def _make_slots(self, variable):  # pragma: no mutate block
        return [Variable(np.zeros(variable.shape), dtype=variable.dtype, trainable=False)
                for _ in range(3 if self.amsgrad else 2)]  # m, v (and vhat)

    def _update(self, variable, gradient, rate, index):  # pragma: no mutate block
        width = 3 if self.amsgrad else 2
        m, v = self._slots[width * index], self._slots[width * index + 1]
        step = int(self._iterations) + 1  # bias correction: the count before this call's increment, plus one
        with np.errstate(all="ignore"):
            m.assign(self.beta_1 * m.numpy() + (1 - self.beta_1) * gradient)
            v.assign(self.beta_2 * v.numpy() + (1 - self.beta_2) * gradient * gradient)
            second = v.numpy()
            if self.amsgrad:
                vhat = self._slots[width * index + 2]
                vhat.assign(np.maximum(vhat.numpy(), second))
                second = vhat.numpy()
            alpha = rate * np.sqrt(1 - self.beta_2 ** step) / (1 - self.beta_1 ** step)
            variable.assign(variable.numpy() - alpha * m.numpy() / (np.sqrt(second) + self.epsilon))


class RMSprop(Optimizer):
    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
        super().__init__(**_base_arguments(locals()))
        self.rho, self.momentum, self.epsilon, self.centered = rho, momentum, epsilon, centered

    def _make_slots(self, variable):  # pragma: no mutate block
        return [Variable(np.zeros(variable.shape), dtype=variable.dtype, trainable=False)
                for _ in range(3)]  # rms, momentum, average gradient

    def _update(self, variable, gradient, rate, index):  # pragma: no mutate block
        rms, momentum, mean = self._slots[3 * index: 3 * index + 3]
        with np.errstate(all="ignore"):
            rms.assign(self.rho * rms.numpy() + (1 - self.rho) * gradient * gradient)
            denominator = rms.numpy()
            if self.centered:
                mean.assign(self.rho * mean.numpy() + (1 - self.rho) * gradient)
                denominator = denominator - mean.numpy() * mean.numpy()
            increment = rate * gradient / np.sqrt(denominator + self.epsilon)
            if self.momentum:
                momentum.assign(self.momentum * momentum.numpy() + increment)
                increment = momentum.numpy()
            variable.assign(variable.numpy() - increment)


def _plain_init(signature: inspect.Signature, optimizer: Optimizer, args: tuple, kwargs: dict) -> None:
    """The constructor of an optimizer ``_plain_optimizer`` made: the arguments bound to the options it declares
    (a TypeError as Python gives it), the base options passed on, its own ones not kept (its rule stands in)."""
    bound = signature.bind(optimizer, *args, **kwargs)
    bound.apply_defaults()
    arguments = dict(bound.arguments)
    Optimizer.__init__(arguments.pop("self"), **_base_arguments(arguments))


def _plain_optimizer(name: str, own: dict, learning_rate: float = 0.001) -> type:  # pragma: no mutate block
    """A Keras 3 optimizer whose own options are ``own`` (name -> default), in Keras's order, then the base
    class's. Its update rule is gradient descent's, so its own options are taken (as Keras declares them) and
    not kept: the counter contract does not depend on the rule, only on the options the constructor takes and
    the base class's apply. It runs when this module is imported, before mutmut can switch a mutant on, so
    mutation testing leaves it out; what its classes do when called is in _plain_init."""

    def __init__(self, *args, **kwargs):  # noqa: N807 (the class's __init__)
        _plain_init(__init__.__signature__, self, args, kwargs)

    def _update(self, variable, gradient, rate, index):  # pragma: no mutate block
        with np.errstate(all="ignore"):
            variable.assign(variable.numpy() - rate * gradient)

    defaults = {**own, **{option: BASE_DEFAULTS[option] for option in BASE_OPTIONS if option not in own}}
    keyword = inspect.Parameter.POSITIONAL_OR_KEYWORD
    __init__.__signature__ = inspect.Signature([  # what Keras declares: the options by name, as the suite reads them
        inspect.Parameter("self", keyword), inspect.Parameter("learning_rate", keyword, default=learning_rate),
        *(inspect.Parameter(option, keyword, default=default) for option, default in defaults.items()),
        inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD)])
    return type(name, (Optimizer,), {"__init__": __init__, "_update": _update, "__doc__": _plain_optimizer.__doc__})


_EPS = {"epsilon": 1e-7}
Adagrad = _plain_optimizer("Adagrad", {"initial_accumulator_value": 0.1, **_EPS})
Adamax = _plain_optimizer("Adamax", {"beta_1": 0.9, "beta_2": 0.999, **_EPS})
Nadam = _plain_optimizer("Nadam", {"beta_1": 0.9, "beta_2": 0.999, **_EPS})


class AdamW(Adam):
    """Adam with decoupled weight decay (0.004 unless told): Keras 3's is Adam whose weight_decay defaults to that;
    the base class decays before the update, as for every optimizer."""

    def __init__(self, learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
        Optimizer.__init__(self, **_base_arguments(locals()))
        self.beta_1, self.beta_2, self.epsilon, self.amsgrad = beta_1, beta_2, epsilon, amsgrad


Lion = _plain_optimizer("Lion", {"beta_1": 0.9, "beta_2": 0.99})
Adadelta = _plain_optimizer("Adadelta", {"rho": 0.95, **_EPS})
Ftrl = _plain_optimizer("Ftrl", {"learning_rate_power": -0.5, "initial_accumulator_value": 0.1,
                                 "l1_regularization_strength": 0.0, "l2_regularization_strength": 0.0,
                                 "l2_shrinkage_regularization_strength": 0.0, "beta": 0.0})
Lamb = _plain_optimizer("Lamb", {"beta_1": 0.9, "beta_2": 0.999, **_EPS})
Adafactor = _plain_optimizer("Adafactor", {"beta_2_decay": -0.8, "epsilon_1": 1e-30, "epsilon_2": 1e-3,
                                           "clip_threshold": 1.0, "relative_step": True})
ScheduleFreeAdamW = _plain_optimizer("ScheduleFreeAdamW", {"beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-8,
                                                           "warmup_steps": 0}, learning_rate=0.0025)
Muon = _plain_optimizer("Muon", {"adam_beta_1": 0.9, "adam_beta_2": 0.999, "adam_weight_decay": 0.004, **_EPS,
                                 "weight_decay": 0.004, "exclude_layers": None, "exclude_embeddings": True,
                                 "muon_a": 3.4445, "muon_b": -4.775, "muon_c": 2.0315, "adam_lr_ratio": 1,
                                 "momentum": 0.95, "ns_steps": 5, "nesterov": True, "rms_rate": 0.2})


class LossScaleOptimizer:
    """Dynamic loss scaling around ``inner_optimizer``: gradients are divided by the scale; a call with a non-finite
    gradient is skipped (no update, no count) and halves the scale; ``dynamic_growth_steps`` finite calls in a row
    double it. The counter is the inner optimizer's."""

    def __init__(self, inner_optimizer: Optimizer, initial_scale: float = 2.0**15, dynamic_growth_steps: int = 2000,
                 name: str | None = None, **kwargs):
        if kwargs:
            raise ValueError(f"Argument(s) not recognized: {kwargs}")
        self.inner_optimizer = inner_optimizer
        self.name = name  # read by no clause
        self.initial_scale = float(initial_scale)
        self.dynamic_growth_steps = dynamic_growth_steps
        self._own: list[Variable] = []  # made by build: the finite calls in a row, and the scale
        self.built = False

    @property
    def iterations(self) -> Variable:
        return self.inner_optimizer.iterations

    @property
    def variables(self) -> list[Variable]:
        """Its own variables (once built), then the inner optimizer's: what it saves and loads."""
        return [*self._own, *self.inner_optimizer.variables]

    def build(self, variables) -> None:
        if not self.built:
            self._own = [Variable(0, dtype="int64", trainable=False),
                         Variable(self.initial_scale, dtype="float32", trainable=False)]
            self.built = True
        self.inner_optimizer.build(variables)

    def save_own_variables(self, store: dict) -> None:
        _save(self, store)

    def load_own_variables(self, store: dict) -> None:
        _load(self, store)

    def apply_gradients(self, grads_and_vars) -> Variable:
        pairs = list(grads_and_vars)
        return self.apply([g for g, _ in pairs], [v for _, v in pairs])

    def apply(self, grads, trainable_variables=None):
        grads = list(grads)
        if not self.built:
            self.build(trainable_variables if trainable_variables is not None else self.inner_optimizer._trainable)
        in_a_row, scale = self._own
        present = [np.asarray(convert_to_numpy(g)) for g in grads if g is not None]
        if present and not all(np.all(np.isfinite(g)) for g in present):
            scale.assign(float(scale.numpy()) / 2)  # overflow: skip this step, and try a smaller scale next time
            in_a_row.assign(0)
            return self.iterations
        with np.errstate(all="ignore"):
            unscaled = [None if g is None else np.asarray(convert_to_numpy(g)) / float(scale.numpy()) for g in grads]
        counted = self.inner_optimizer.apply(unscaled, trainable_variables)
        in_a_row.assign(int(in_a_row.numpy()) + 1)  # after the unscaling: a doubling call used the old scale (Keras 3)
        if int(in_a_row.numpy()) == self.dynamic_growth_steps:
            scale.assign(float(scale.numpy()) * 2)
            in_a_row.assign(0)
        return counted


class OptimizerMap:
    """``OptimizerMap(default_optimizer, optimizer_map)``: a variable's optimizer is the one whose key (a regular
    expression) fully matches its path (two matches: ValueError), else ``default_optimizer``."""

    def __init__(self, default_optimizer, optimizer_map=None):
        self.default_optimizer, self._map = default_optimizer, dict(optimizer_map or {})

    def values(self):
        return self._map.values()

    def __call__(self, variable):
        matching = [key for key in self._map if re.fullmatch(key, variable.path)]
        if len(matching) > 1:
            raise ValueError(f"Multiple optimizers assigned to variable {variable.path}.")
        return self._map[matching[0]] if matching else self.default_optimizer


class MultiOptimizer:
    """``MultiOptimizer(optimizer_map, loss_scale_factor, name)``: each variable is trained by the sub-optimizer
    ``optimizer_map`` (an OptimizerMap, or a callable of the variable) picks for it. A call hands every
    sub-optimizer its variables' gradients, so each counts the calls that gave it variables, and adds 1 to the
    MultiOptimizer's own counter (IT-MULTI-COUNTS-EACH). ``loss_scale_factor`` replaces the sub-optimizers' own."""

    def __init__(self, optimizer_map, loss_scale_factor=None, name=None):
        self._map, self.name = optimizer_map, name  # the name is read by no clause
        self._iterations = Optimizer._make_counter(self)
        self.loss_scale_factor = loss_scale_factor
        known = [*getattr(optimizer_map, "values", list)(), getattr(optimizer_map, "default_optimizer", None)]
        self._inner: list = []
        for optimizer in known:
            self._adopt(optimizer)
        self._trainable: list[Variable] = []
        self._owner: list[int] = []  # per trained variable: the index of its sub-optimizer
        self.built = False

    def _adopt(self, optimizer) -> None:
        if optimizer is not None and all(optimizer is not known for known in self._inner):
            optimizer.loss_scale_factor = self.loss_scale_factor
            self._inner.append(optimizer)

    @property
    def iterations(self) -> Variable:
        return self._iterations

    @property
    def optimizers(self) -> list:
        return list(self._inner)

    @property
    def variables(self) -> list[Variable]:
        return [self._iterations, *(v for optimizer in self._inner for v in optimizer.variables)]

    def build(self, variables) -> None:
        if self.built:
            return
        self._trainable = list(variables)
        for variable in self._trainable:
            optimizer = self._map(variable)
            if isinstance(optimizer, (LossScaleOptimizer, MultiOptimizer)):
                raise ValueError(f"{type(optimizer).__name__} cannot be used inside an MultiOptimizer.")
            self._adopt(optimizer)
            self._owner.append(next(i for i, known in enumerate(self._inner) if known is optimizer))
        for i, optimizer in enumerate(self._inner):
            mine = [self._trainable[j] for j, owner in enumerate(self._owner) if owner == i]
            if mine:
                optimizer.build(mine)
        self.built = True

    def apply_gradients(self, grads_and_vars) -> Variable:
        pairs = list(grads_and_vars)
        return self.apply([g for g, _ in pairs], [v for _, v in pairs])

    def apply(self, grads, trainable_variables=None):
        grads = list(grads)
        if not grads:
            return None
        if trainable_variables is None and not self.built:
            raise ValueError("When passing `grads` without `variables`, the optimizer must already be built on a "
                             "list of variables. Call `optimizer.build(trainable_variables)` first.")
        self.build(trainable_variables)
        if len(grads) != len(self._trainable):
            raise ValueError(f"Gradients must match trainable variables one-to-one. Received {len(grads)} gradients "
                             f"and {len(self._trainable)} variables.")
        variables = self._trainable if trainable_variables is None else list(trainable_variables)
        owners = [self._owner[next(i for i, known in enumerate(self._trainable) if known is v)] for v in variables]
        for i, optimizer in enumerate(self._inner):
            mine = [j for j, owner in enumerate(owners) if owner == i]
            if mine:
                optimizer.apply([grads[j] for j in mine], [variables[j] for j in mine])
        self._iterations.assign_add(1)
        return self._iterations


optimizers = SimpleNamespace(SGD=SGD, Adam=Adam, RMSprop=RMSprop, Adagrad=Adagrad, Adamax=Adamax, Nadam=Nadam,
                             AdamW=AdamW, Lion=Lion, Adadelta=Adadelta, Ftrl=Ftrl, Lamb=Lamb, Adafactor=Adafactor,
                             ScheduleFreeAdamW=ScheduleFreeAdamW, Muon=Muon, Optimizer=Optimizer,
                             LossScaleOptimizer=LossScaleOptimizer, MultiOptimizer=MultiOptimizer,
                             OptimizerMap=OptimizerMap,
                             schedules=SimpleNamespace(PiecewiseConstantDecay=PiecewiseConstantDecay,
                                                       LearningRateSchedule=LearningRateSchedule))

def _set_global_policy(policy) -> None:
    """The global dtype policy ("float32", "mixed_float16", "mixed_bfloat16"). A mixed policy makes Keras compute
    layers in 16 bits and keep variables in float32; an optimizer's counter is an integer whatever it says. Neither
    a variable this module makes nor the counter changes, so the reference keeps nothing."""


mixed_precision = SimpleNamespace(set_global_policy=_set_global_policy)
