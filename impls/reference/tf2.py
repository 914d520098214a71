"""A pure-Python mini TensorFlow 2: the eager API of the page's "Migrate to TF2" section (surface ``tf2``).

The page's migrated example trains with ``tf.GradientTape`` and a Keras optimizer, and its second option is a
``tf.Variable`` the user creates and increments, typically in a ``tf.function`` training step. This module is the
reference for those, as impls/reference is for the v1 step: exactly the names the suite uses, written to be read,
no framework imported. ``--backend=reference`` tests it with the other surfaces; alone it is
``--backend=impls.reference.tf2``.

- ``Variable``        impls/reference/keras.py's Variable, readable as a tensor (``read_value``, arithmetic)
- ``constant``, ``cast``, ``reduce_sum`` and the dtypes ``int32``, ``int64``, ``float16``, ``float32``, ``float64``
- ``GradientTape``    records the trainable variables read inside it; ``gradient`` by reverse accumulation
- ``function``        a decorator; a call runs the Python body once, so every variable update in it happens once
  per call (TensorFlow traces the body and then runs the graph: the same effects on variables)
- ``train.Checkpoint`` saves and restores the variables of the objects given to it (variables and optimizers)
- ``keras``           impls/reference/keras.py: ``keras.optimizers.SGD`` and the others, with ``iterations``
- ``distribute``      the default strategy, OneDeviceStrategy and MirroredStrategy, each over one replica
"""

from __future__ import annotations

import contextlib
import enum
import inspect
import json
import threading
import weakref
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from impls.reference import keras
from impls.reference import train as v1

__version__ = "1.0.0"
int32, int64, float16, float32, float64 = "int32", "int64", "float16", "float32", "float64"
_TAPES: list[GradientTape] = []  # the tapes recording now, innermost last


class Tensor:
    """An immutable value; ``_inputs`` are (input, vector-Jacobian product) pairs for reverse accumulation."""

    def __init__(self, value, inputs=(), variable=None):
        self._value = np.asarray(value)
        self._inputs = tuple(inputs)
        self._variable = variable  # the variable this tensor is a read of, if it is one

    dtype = property(lambda self: str(self._value.dtype))
    shape = property(lambda self: self._value.shape)

    def numpy(self):
        return self._value.copy()

    def __array__(self, dtype=None, copy=None):
        return self.numpy()  # numpy casts it to a dtype it asks for

    def __int__(self):
        return int(self._value)

    def __float__(self):
        return float(self._value)

    def __add__(self, other):
        a, b = self, _tensor(other, self.dtype)
        return Tensor(a._value + b._value, [(a, lambda g: g), (b, lambda g: g)])

    def __sub__(self, other):
        a, b = self, _tensor(other, self.dtype)
        return Tensor(a._value - b._value, [(a, lambda g: g), (b, lambda g: -g)])

    def __mul__(self, other):
        a, b = self, _tensor(other, self.dtype)
        return Tensor(a._value * b._value, [(a, lambda g: g * b._value), (b, lambda g: g * a._value)])

    def __neg__(self):
        return Tensor(-self._value, [(self, lambda g: -g)])

    __radd__ = __add__
    __rmul__ = __mul__

    def __rsub__(self, other):
        return _tensor(other, self.dtype) - self

    def __repr__(self):
        return f"<Tensor shape={self.shape} dtype={self.dtype} value={self._value!r}>"


def _tensor(x, like: str | None = None) -> Tensor:
    """``x`` as a Tensor: a Variable is read (and recorded by the tapes), a Python number or list takes ``like``'s
    dtype (TensorFlow converts an operand to the other's dtype)."""
    if isinstance(x, Tensor):
        return x
    if isinstance(x, Variable):
        return x.read_value()
    if like is not None:
        return Tensor(np.asarray(x, dtype=like))
    return constant(x)


def constant(value, dtype=None) -> Tensor:
    return Tensor(np.asarray(value, dtype=dtype if dtype is not None else keras._default_dtype(value)))


def cast(x, dtype) -> Tensor:
    """``x`` as ``dtype``; like TensorFlow, no gradient flows through a cast from or to an integer, and the gradient
    flows back in ``x``'s dtype."""
    x = _tensor(x)
    keep = np.dtype(x.dtype).kind == "f" and np.dtype(dtype).kind == "f"
    return Tensor(x.numpy().astype(dtype), [(x, lambda g: np.asarray(g).astype(x.dtype))] if keep else [])


def reduce_sum(x) -> Tensor:
    x = _tensor(x)
    return Tensor(x.numpy().sum(), [(x, lambda g: np.broadcast_to(g, x.shape))])


class VariableSynchronization(enum.Enum):
    AUTO, NONE, ON_WRITE, ON_READ = 0, 1, 2, 3


class VariableAggregation(enum.Enum):
    NONE, SUM, MEAN, ONLY_FIRST_REPLICA = 0, 1, 2, 3


class TensorShape:
    """A shape, or an unknown one (``TensorShape(None)``), or one with unknown dimensions (``TensorShape([None])``)."""

    def __init__(self, dims):
        self.dims = None if dims is None else tuple(None if d is None else int(d) for d in dims)


class TensorSpec:
    """The shape (None: any) and dtype a ``function``'s ``input_signature`` accepts for one argument."""

    def __init__(self, shape, dtype=float32, name=None):
        self.shape = None if shape is None else tuple(shape.dims if isinstance(shape, TensorShape) else shape)
        self.dtype, self.name = dtype, name

    def accepts(self, value) -> bool:
        value = _tensor(value, self.dtype)  # a Python number is converted to the spec's dtype
        return value.dtype == self.dtype and (self.shape is None or _fits(self.shape, value.shape))


def _fits(dims: tuple, shape: tuple) -> bool:
    """Whether ``shape`` has the dimensions ``dims`` says (None: any size)."""
    return len(dims) == len(shape) and all(d is None or d == shape[i] for i, d in enumerate(dims))


class Variable(keras.Variable):
    """A keras.Variable that reads as a Tensor: arithmetic on it is recorded by the tapes open when it is read.

    TensorFlow's constructor: the initial value may be a callable (called once, here); ``trainable`` defaults to
    True but for ``synchronization=ON_READ``; ``shape`` (a TensorShape, a list, or None for the value's) must
    match the value unless ``validate_shape=False``; the distribution options are kept, they change nothing
    on one device.
    """

    def __init__(self, initial_value=None, trainable=None, validate_shape=True, caching_device=None, name=None,
                 variable_def=None, dtype=None, import_scope=None, constraint=None,
                 synchronization=VariableSynchronization.AUTO, aggregation=VariableAggregation.NONE, shape=None,
                 experimental_enable_variable_lifting=True):
        if variable_def is not None:
            raise ValueError("variable_def: a VariableDef protocol buffer; this reference has no graph to import")
        if initial_value is None:
            raise ValueError("The initial value must be specified.")
        if callable(initial_value):
            initial_value = initial_value()
        if trainable is None:  # TensorFlow 2.21 takes trainable=True with ON_READ outside a distribution strategy
            trainable = synchronization != VariableSynchronization.ON_READ
        super().__init__(np.asarray(initial_value), dtype=dtype, trainable=trainable, name=name)
        dims = shape.dims if isinstance(shape, TensorShape) else (None if shape is None else tuple(shape))
        if validate_shape and dims is not None and not _fits(dims, self.shape):
            raise ValueError(f"In this tf.Variable creation, the initial value's shape ({self.shape}) is not "
                             f"compatible with the explicitly supplied `shape` argument ({dims}).")
        self.constraint, self.synchronization, self.aggregation = constraint, synchronization, aggregation
        # The shape an assigned value must fit. TensorFlow 2.21, eager: only an unknown shape or dimension takes
        # values of another; validate_shape=False alone does not.
        if isinstance(shape, TensorShape) and dims is None:
            self._fixed = None  # any shape
        elif dims is not None and None in dims:
            self._fixed = dims
        else:
            self._fixed = self.shape

    def read_value(self) -> Tensor:
        for tape in _TAPES:
            if self.trainable and tape._watch_accessed:
                tape.watch(self)
        return Tensor(self.numpy(), variable=self)

    def __add__(self, other):
        return self.read_value() + other

    def __sub__(self, other):
        return self.read_value() - other

    def __mul__(self, other):
        return self.read_value() * other

    def __rsub__(self, other):
        return other - self.read_value()

    def __neg__(self):
        return -self.read_value()

    __radd__ = __add__
    __rmul__ = __mul__

    def assign_add(self, delta, use_locking=False, name=None, read_value=True) -> Variable | None:
        """Add ``delta``; the variable when ``read_value``, else None (TensorFlow returns no value then)."""
        super().assign_add(np.asarray(delta))
        return self if read_value else None

    def assign_sub(self, delta, use_locking=False, name=None, read_value=True) -> Variable | None:
        with np.errstate(all="ignore"):  # an int64 counter wraps as TensorFlow's does; assign casts to its dtype
            self.assign(self.numpy() - np.asarray(delta))
        return self if read_value else None

    def assign(self, value, use_locking=False, name=None, read_value=True) -> Variable | None:
        value = np.asarray(value)
        if self._fixed != self.shape:  # made with an unknown shape or dimension: a value that fits it is taken
            value = np.array(value, dtype=self._value.dtype)
            if self._fixed is not None and not _fits(self._fixed, value.shape):
                raise ValueError(f"Shape mismatch: the variable's shape {self._fixed} and the value's {value.shape}")
            self._value = value
        else:
            super().assign(value)
        return self if read_value else None


class GradientTape:
    """Records the trainable variables read while it is open; ``gradient`` differentiates what was computed."""

    def __init__(self, persistent: bool = False, watch_accessed_variables: bool = True):
        self._watched: dict[int, Variable] = {}
        self._persistent, self._used = persistent, False
        self._watch_accessed = watch_accessed_variables  # False: only what watch() is given

    def __enter__(self) -> GradientTape:
        _TAPES.append(self)
        return self

    def __exit__(self, *exc) -> None:
        _TAPES.remove(self)

    def watch(self, variable) -> None:
        self._watched[id(variable)] = variable

    def watched_variables(self) -> tuple:
        return tuple(self._watched.values())

    def gradient(self, target, sources):
        """d sum(target) / d source for each source (a list, or one source): None for a source that the target does
        not depend on, or that this tape did not watch."""
        if self._used and not self._persistent:
            raise RuntimeError("A non-persistent GradientTape can only be used to compute one set of gradients")
        self._used = True
        grads = _backward(_tensor(target))
        single = not isinstance(sources, (list, tuple))
        out = [Tensor(grads[id(s)]) if id(s) in grads and id(s) in self._watched else None
               for s in ([sources] if single else sources)]
        return out[0] if single else out


def _backward(target: Tensor) -> dict[int, np.ndarray]:
    """Reverse accumulation from ``target`` (seeded with ones): the gradient reaching each variable read, by id."""
    order, seen = [], set()

    def visit(node):
        if id(node) not in seen:
            seen.add(id(node))
            for parent, _ in node._inputs:
                visit(parent)
            order.append(node)

    visit(target)
    adjoint = {id(target): np.ones(target.shape, dtype=target._value.dtype)}
    grads: dict[int, np.ndarray] = {}
    for node in reversed(order):  # each node after every node it feeds: its adjoint is complete
        g = adjoint[id(node)]
        if node._variable is not None:
            grads[id(node._variable)] = grads.get(id(node._variable), 0) + g
        for parent, vjp in node._inputs:
            contribution = _unbroadcast(np.asarray(vjp(g)), parent.shape)
            adjoint[id(parent)] = adjoint.get(id(parent), 0) + contribution
    return grads


def _unbroadcast(g: np.ndarray, shape: tuple) -> np.ndarray:
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and g.shape[axis] != 1:
            g = g.sum(axis=axis, keepdims=True)
    return g


class Function:
    """What ``function`` returns: calls run the Python body, once per call. With an ``input_signature``, a call
    whose arguments do not match it raises TypeError, as TensorFlow's does."""

    def __init__(self, python_function, input_signature=None):
        self.python_function = python_function
        self.input_signature = None if input_signature is None else list(input_signature)

    def __get__(self, instance, owner=None):
        """A method of a class (a ``tf.Module``'s, say): the function bound to the instance."""
        if instance is None:
            return self
        return Function(self.python_function.__get__(instance), self.input_signature)

    def _check(self, args, kwargs) -> None:
        if self.input_signature is None:
            return
        try:
            values = list(inspect.signature(self.python_function).bind(*args, **kwargs).arguments.values())
        except TypeError as error:  # too few or too many arguments
            raise TypeError(f"Binding inputs to tf.function failed: {error}") from None
        if len(values) != len(self.input_signature) or not all(
                spec.accepts(values[i]) for i, spec in enumerate(self.input_signature)):
            raise TypeError(f"Binding inputs to tf.function failed: {args!r}, {kwargs!r} do not match the "
                            f"input_signature {self.input_signature!r}")

    def __call__(self, *args, **kwargs):
        self._check(args, kwargs)
        return self.python_function(*args, **kwargs)

    def get_concrete_function(self, *args, **kwargs):
        """The function traced for these argument specs (TensorSpecs or values): a call runs the body. TensorFlow
        2.21 does not check a concrete function's inputs against its trace (a vector of another length runs)."""
        return ConcreteFunction(self.python_function)


class ConcreteFunction:
    """One traced signature of a Function: a call runs the body."""

    def __init__(self, python_function):
        self._python_function = python_function

    def __call__(self, *args, **kwargs):
        return self._python_function(*args, **kwargs)


def function(func=None, input_signature=None, autograph=True, jit_compile=None, reduce_retracing=False,
             experimental_implements=None, experimental_autograph_options=None, experimental_attributes=None,
             experimental_relax_shapes=None, experimental_compile=None, experimental_follow_type_hints=None):
    """``@function`` or ``@function(...)``, with TensorFlow's options. ``input_signature`` decides which calls run
    (see Function); the others choose how TensorFlow compiles the body (autograph turns Python control flow into
    graph ops, jit_compile hands it to XLA, reduce_retracing traces fewer shapes), never what a call does."""

    def decorate(python_function):
        return Function(python_function, input_signature)

    return decorate(func) if func is not None else decorate


class _Feature(enum.Enum):
    """``tf.autograph.experimental.Feature``: the conversions autograph may make (none changes what a call does)."""

    ALL, AUTO_CONTROL_DEPS, ASSERT_STATEMENTS, BUILTIN_FUNCTIONS, EQUALITY_OPERATORS, LISTS, NAME_SCOPES = range(7)


autograph = SimpleNamespace(experimental=SimpleNamespace(Feature=_Feature))


class Module:
    """``tf.Module``: a container; ``variables`` are the Variables found in its attributes (in modules, lists,
    tuples and dicts there too), in attribute order. TensorFlow scopes its variables' names by ``name``; no clause
    reads a name on the tf2 surface, so this reference keeps none."""

    def __init__(self, name=None):
        pass

    @property
    def variables(self) -> tuple:
        return tuple(_find_variables(self, set()))

    @property
    def trainable_variables(self) -> tuple:
        return tuple(v for v in self.variables if v.trainable)


def _find_variables(obj, seen: set) -> list:
    if id(obj) in seen:
        return []
    seen.add(id(obj))
    if isinstance(obj, keras.Variable):
        return [obj]
    if isinstance(obj, (list, tuple)):
        return [v for item in obj for v in _find_variables(item, seen)]
    if isinstance(obj, dict):
        return [v for item in obj.values() for v in _find_variables(item, seen)]
    if isinstance(obj, Module):
        return [v for item in vars(obj).values() for v in _find_variables(item, seen)]
    return []


_SAVE_COUNTER = "/save_counter"  # a key no object's variables can have (theirs are "<keyword>" or "<keyword>/<i>")


class CheckpointOptions:
    """Options of a save or a restore (I/O device, async writing): how TensorFlow writes, not what."""

    def __init__(self, experimental_io_device=None, experimental_enable_async_checkpoint=False,
                 experimental_write_callbacks=None, enable_async=False, experimental_sharding_callback=None,
                 experimental_skip_slot_variables=False):
        self.experimental_io_device, self.enable_async = experimental_io_device, enable_async


class Checkpoint:
    """Saves the variables of the objects it is given by keyword (or as ``root``, or attached later as
    attributes): a variable, or an object with ``variables`` (an optimizer: its ``iterations`` first, then its
    slots; a Module: its variables).

    ``save`` numbers its files (``prefix-1``, ``prefix-2``: ``save_counter``); ``write`` writes exactly the path it
    is given and counts nothing. ``restore`` and ``read`` assign every saved value whose variable exists, and keep
    the others: an object attached afterwards gets its values when it is attached (deferred restoration).
    """

    def __init__(self, root=None, **objects):
        object.__setattr__(self, "_objects", ({"root": root} if root is not None else {}) | objects)
        object.__setattr__(self, "_count", 0)
        object.__setattr__(self, "_pending", {})

    def __setattr__(self, key, value):
        if key.startswith("_"):
            object.__setattr__(self, key, value)
            return
        self._objects[key] = value
        self._assign(self._pending)

    def __getattr__(self, key):
        objects = self.__dict__["_objects"]
        if key in objects:
            return objects[key]
        raise AttributeError(key)

    @property
    def save_counter(self) -> keras.Variable:
        return keras.Variable(self._count, dtype="int64", trainable=False, name="save_counter")

    def _variables(self) -> dict[str, keras.Variable]:
        found = {}
        for key, obj in self._objects.items():
            if isinstance(obj, keras.Variable):
                found[key] = obj
            else:
                found.update({f"{key}/{i}": v for i, v in enumerate(obj.variables)})
        return found

    def save(self, file_prefix, options=None) -> str:
        self._count += 1
        return self.write(f"{file_prefix}-{self._count}")

    def write(self, file_prefix, options=None) -> str:
        """The variables, and ``save_counter`` (TensorFlow tracks it as one of the checkpoint's own)."""
        values = {key: v.numpy() for key, v in self._variables().items()}
        np.savez(f"{file_prefix}.npz", **values, **{_SAVE_COUNTER: np.int64(self._count)})
        return str(file_prefix)

    def restore(self, save_path, options=None) -> Checkpoint:
        """Assign every saved value whose variable exists here (an optimizer's slots exist once it is built), and
        ``save_counter``: later saves are numbered on from the restored one."""
        with np.load(f"{Path(save_path)}.npz") as saved:
            for key, variable in self._variables().items():
                if key in saved.files:
                    variable.assign(saved[key])
            object.__setattr__(self, "_pending", {key: saved[key] for key in saved.files})
            object.__setattr__(self, "_count", int(saved[_SAVE_COUNTER]))
        return self

    def read(self, save_path, options=None) -> Checkpoint:
        return self.restore(save_path)

    def _assign(self, values: dict) -> None:
        for key, variable in self._variables().items():
            if key in values:
                variable.assign(values[key])

    def expect_partial(self) -> Checkpoint:
        """What TensorFlow's restore status offers to silence its warning about values not restored yet."""
        return self

    def assert_consumed(self) -> Checkpoint:
        return self


class CheckpointManager:
    """Numbered saves of ``checkpoint`` in ``directory``, the newest ``max_to_keep`` kept; with ``step_counter``
    and ``checkpoint_interval``, a save is skipped (None) until the counter moved that far since the last one
    (``check_interval=False`` skips that test, but a save at the count of the last one is still skipped)."""

    def __init__(self, checkpoint, directory, max_to_keep, keep_checkpoint_every_n_hours=None, checkpoint_name="ckpt",
                 step_counter=None, checkpoint_interval=None, init_fn=None, last_checkpoint_step=None):
        self._checkpoint, self.directory, self._max_to_keep = checkpoint, str(directory), max_to_keep
        self._name, self._step_counter, self._interval = checkpoint_name, step_counter, checkpoint_interval
        self._init_fn, self._last_step = init_fn, last_checkpoint_step
        Path(self.directory).mkdir(parents=True, exist_ok=True)
        self._state = Path(self.directory, "checkpoint.json")  # a new manager on the folder finds the saves
        self.checkpoints: list[str] = json.loads(self._state.read_text()) if self._state.exists() else []

    @property
    def latest_checkpoint(self) -> str | None:
        return self.checkpoints[-1] if self.checkpoints else None

    def save(self, checkpoint_number=None, check_interval=True, options=None) -> str | None:
        if self._interval is not None:
            step = int(np.asarray(self._step_counter))
            if self._last_step is not None and (step == self._last_step or (
                    check_interval and step < self._last_step + self._interval)):
                return None
            self._last_step = step
        self._checkpoint._count += 1
        number = self._checkpoint._count if checkpoint_number is None else int(np.asarray(checkpoint_number))
        path = self._checkpoint.write(str(Path(self.directory, f"{self._name}-{number}")))
        self.checkpoints = [c for c in self.checkpoints if c != path] + [path]
        if self._max_to_keep is not None:
            self.checkpoints = self.checkpoints[-self._max_to_keep:]
        self._state.write_text(json.dumps(self.checkpoints))
        return path

    def restore_or_initialize(self) -> str | None:
        if self.latest_checkpoint is not None:
            self._checkpoint.restore(self.latest_checkpoint)
            if self._interval is not None:  # the restored step counts as the last save's
                self._last_step = int(np.asarray(self._step_counter))
            return self.latest_checkpoint
        if self._init_fn is not None:
            self._init_fn()
        return None


train = SimpleNamespace(Checkpoint=Checkpoint, CheckpointManager=CheckpointManager,
                        CheckpointOptions=CheckpointOptions)


# -- tf.compat.v1.train used eagerly ---------------------------------------------------------------------
_SLOTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # optimizer -> {id(variable): its slots}


class _V1Eager:
    """What a ``tf.compat.v1.train`` optimizer does when TensorFlow 2 runs it eagerly (or in a tf.function): no
    graph, no session. ``minimize`` takes the loss as a function and differentiates it with a GradientTape (by
    default over the trainable variables the loss read), weighted by ``grad_loss``; ``apply_gradients`` updates
    each variable with the optimizer's own rule (impls/reference/train.py's ``_update``, with its slots for that
    variable), applies the variable's constraint, then adds 1 to ``global_step`` and returns None. The learning
    rate (a number, a tensor or a callable) is read once per call, before the increment. Eagerly TensorFlow has
    no use for ``gate_gradients`` (not even to check it: 3 passes, measured on TF 2.21), ``aggregation_method``,
    ``colocate_gradients_with_ops``, ``skip_gradients_aggregation`` or the names of operations: they are taken
    and left alone."""

    def compute_gradients(self, loss, var_list=None, gate_gradients=v1.Optimizer.GATE_OP, aggregation_method=None,
                          colocate_gradients_with_ops=None, grad_loss=None):
        if not callable(loss):
            raise RuntimeError("`loss` passed to Optimizer.compute_gradients should be a function when eager "
                               "execution is enabled.")
        with GradientTape() as tape:
            value = loss()
            if grad_loss is not None:  # d(sum(loss * grad_loss)): the loss's gradient weighted by grad_loss
                value = value * grad_loss
        variables = list(tape.watched_variables() if var_list is None else var_list)
        if not variables:
            raise ValueError("No variables to optimize.")
        return list(zip(tape.gradient(value, variables), variables))  # noqa: B905 (one gradient per variable)

    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=v1.Optimizer.GATE_OP,
                 aggregation_method=None, colocate_gradients_with_ops=None, name=None, grad_loss=None):
        pairs = self.compute_gradients(loss, var_list=var_list, grad_loss=grad_loss)
        if all(grad is None for grad, _ in pairs):
            raise ValueError(f"No gradients provided for any variable, check your graph: {pairs}")
        return self.apply_gradients(pairs, global_step=global_step)

    def apply_gradients(self, grads_and_vars, global_step=None, name=None, skip_gradients_aggregation=None):
        pairs = [(grad, var) for grad, var in grads_and_vars if grad is not None]
        if not pairs:
            raise ValueError("No gradients provided for any variable.")
        rate = self.learning_rate
        rate = float(np.asarray(rate() if callable(rate) else rate))
        slots = _SLOTS.setdefault(self, {})
        for grad, var in pairs:
            with np.errstate(all="ignore"):
                var.assign(self._update(var.numpy(), np.asarray(grad), slots.setdefault(id(var), {}), rate))
            if var.constraint is not None:
                var.assign(np.asarray(var.constraint(var)))
        if global_step is not None:
            global_step.assign_add(1)
        return None


def _v1_train():  # pragma: no mutate block (runs at import, where no mutant is switched on)
    """``tf.compat.v1.train`` as TensorFlow 2 runs it eagerly: the v1 reference's optimizers with _V1Eager in front,
    and the thread's eager step."""
    names = [name for name in dir(v1) if name.endswith("Optimizer") and name != "Optimizer"
             and isinstance(getattr(v1, name), type) and issubclass(getattr(v1, name), v1.Optimizer)
             and name != "MixedPrecisionLossScaleOptimizer"]
    made = {name: type(name, (_V1Eager, getattr(v1, name)), {"__module__": __name__}) for name in names}
    return SimpleNamespace(**made, get_global_step=get_global_step,
                           get_or_create_global_step=get_or_create_global_step)


_EAGER = threading.local()  # each thread's eager step (TensorFlow 2.21: each thread has its own default graph)


def get_global_step(graph=None):
    """Eager ``tf.compat.v1.train.get_global_step()``: the step this thread made, None before (``graph=`` is not
    modelled: TensorFlow 2.21 ignores it eagerly and makes a new variable on every call, a bug)."""
    return getattr(_EAGER, "step", None)


def get_or_create_global_step(graph=None):
    """Eager ``tf.compat.v1.train.get_or_create_global_step()``: an int64 scalar at 0, not trainable, named
    global_step, made on first use in this thread and the same object after, until reset_default_graph."""
    step = get_global_step()
    if step is None:
        step = _EAGER.step = Variable(0, dtype=int64, trainable=False, name="global_step")
    return step


def reset_default_graph() -> None:
    """Forget this thread's eager step (TensorFlow: a new default graph, with empty collections)."""
    _EAGER.step = None


compat = SimpleNamespace(v1=SimpleNamespace(train=_v1_train(), reset_default_graph=reset_default_graph))


# -- distribution strategies ------------------------------------------------------------------------------
class _Strategy:
    """A distribution strategy over one replica: ``scope()`` changes nothing about how variables and optimizers are
    made (their counters included), and ``run(fn, args, kwargs)`` calls ``fn`` once, as its one replica."""

    num_replicas_in_sync = 1

    @contextlib.contextmanager
    def scope(self):
        _STRATEGIES.append(self)
        try:
            yield self
        finally:
            _STRATEGIES.pop()

    def run(self, fn, args=(), kwargs=None, options=None):
        return fn(*args, **(kwargs or {}))


_STRATEGIES: list = []  # the strategies whose scope is entered, innermost last
_DEFAULT_STRATEGY = _Strategy()


class OneDeviceStrategy(_Strategy):
    def __init__(self, device):
        """Everything on ``device``: one replica."""


class MirroredStrategy(_Strategy):
    def __init__(self, devices=None, cross_device_ops=None):
        """A replica per device: this reference has one (more need gradients all-reduced, which it does not
        model)."""
        if devices is not None and len(devices) != 1:
            raise NotImplementedError("the reference's MirroredStrategy has one replica (one device)")


distribute = SimpleNamespace(
    get_strategy=lambda: _STRATEGIES[-1] if _STRATEGIES else _DEFAULT_STRATEGY,
    OneDeviceStrategy=OneDeviceStrategy, MirroredStrategy=MirroredStrategy)
