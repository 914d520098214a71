"""Building blocks: constants, placeholders, variables, arithmetic with gradients, groups and scopes.

Every function builds operations in the default graph (or the graph of its tensor inputs) and returns
tensors; values only exist inside a Session (impls/reference/session.py).
"""

from __future__ import annotations

import contextlib
import enum

import numpy as np

from impls.reference import dtypes
from impls.reference.graph import AUTO_REUSE, GraphKeys, Tensor, TensorShape, get_default_graph


class FailedPreconditionError(Exception):
    """A variable was read before it was initialised."""


class InvalidArgumentError(Exception):
    """A placeholder was not fed, or was fed a value of the wrong shape."""


def wrap(value, dtype) -> np.ndarray:
    """``value`` as an array of ``dtype``; integers wrap around on overflow as TensorFlow's do."""
    array = np.asarray(value)
    if dtype.is_integer and array.dtype.kind in "iu":
        bits = np.iinfo(dtype.as_numpy_dtype).bits
        low = int(np.iinfo(dtype.as_numpy_dtype).min)
        wrapped = [((int(x) - low) % (1 << bits)) + low for x in array.reshape(-1)]
        return np.array(wrapped, dtype=dtype.as_numpy_dtype).reshape(array.shape)
    return array.astype(dtype.as_numpy_dtype)


def _output(op, dtype, shape) -> Tensor:
    return Tensor(op, dtype, shape)


# -- sources ------------------------------------------------------------------------------------------------
def constant(value, dtype=None, shape=None, name="Const") -> Tensor:
    dtype = dtypes.as_dtype(dtype) if dtype is not None else dtypes.infer(value)
    array = wrap(value, dtype) if shape is None else wrap(np.broadcast_to(value, shape), dtype)
    op = get_default_graph().create_op("Const", name, compute=lambda session, values: array)
    return _output(op, dtype, array.shape)


def placeholder(dtype, shape=None, name="Placeholder") -> Tensor:
    dtype = dtypes.as_dtype(dtype)

    def compute(session, values):
        raise InvalidArgumentError(f"You must feed a value for placeholder tensor {op.name!r} with dtype {dtype.name}")

    op = get_default_graph().create_op("Placeholder", name, compute=compute)
    return _output(op, dtype, shape)


def convert_to_tensor(value, dtype=None, graph=None, name=None) -> Tensor:
    """A tensor as it is, a PartitionedVariable as its parts joined; anything else as a constant (of ``dtype``
    when given)."""
    if isinstance(value, Tensor):
        return value
    if isinstance(value, PartitionedVariable):
        return value.as_tensor()
    if graph is not None:
        with graph.as_default():
            return constant(value, dtype=dtype)
    return constant(value, dtype=dtype)


# -- variables ----------------------------------------------------------------------------------------------
class VariableSynchronization(enum.Enum):
    """When a distributed variable's copies agree: it changes nothing on one device."""

    AUTO, NONE, ON_WRITE, ON_READ = 0, 1, 2, 3


class VariableAggregation(enum.Enum):
    """How a distributed variable's updates combine: it changes nothing on one device."""

    NONE, SUM, MEAN, ONLY_FIRST_REPLICA = 0, 1, 2, 3


class Variable(Tensor):
    """A stateful tensor: its value lives in each Session, set by its ``initializer``.

    TensorFlow's constructor: ``initial_value`` (a value, a tensor, or a callable that returns one), ``trainable``
    (default True), ``collections`` (default GLOBAL_VARIABLES, plus TRAINABLE_VARIABLES when trainable), ``name``,
    ``dtype``, ``shape`` (checked against the value unless ``validate_shape=False``), ``constraint`` (applied by the
    optimizers after each update), ``use_resource`` (False: the TF1 kind, a RefVariable; kept, it behaves the same
    here). The device and distribution options are kept; on one device they change nothing.
    """

    def __init__(self, initial_value=None, trainable=None, collections=None, validate_shape=True, caching_device=None,
                 name=None, variable_def=None, dtype=None, expected_shape=None, import_scope=None, constraint=None,
                 use_resource=None, synchronization=None, aggregation=None, shape=None, *, _op_name=None,
                 _graph=None):
        if variable_def is not None:
            raise ValueError("variable_def: rebuilding a variable from a VariableDef is not part of this reference")
        if initial_value is None:
            raise ValueError("initial_value must be specified.")
        if constraint is not None and not callable(constraint):
            raise ValueError("The `constraint` argument must be a callable.")
        graph = _graph or get_default_graph()
        # As TensorFlow's init_scope: a variable and its initializer never depend on the caller's control inputs.
        with graph.as_default(), graph.control_dependencies(None):
            initial = convert_to_tensor(initial_value() if callable(initial_value) else initial_value, dtype=dtype)
            dtype = dtypes.as_dtype(dtype) if dtype is not None else initial.dtype
            if validate_shape and shape is not None and list(shape) != initial.shape.as_list():
                raise ValueError(f"Shapes {initial.shape.as_list()} and {list(shape)} are incompatible")
            op_name = _op_name or graph.unique_name(name or "Variable")
            op = graph.create_op("VariableV2", op_name, compute=lambda session, values: session._read(self),
                                 use_name_scope=False)
            super().__init__(op, dtype, initial.shape.dims)
            self.trainable = True if trainable is None else bool(trainable)
            self.constraint, self.use_resource = constraint, use_resource is not False
            self.initial_value = initial
            self.initializer = graph.create_op(
                "Assign", f"{op.name}/Assign", [initial], use_name_scope=False,
                compute=lambda session, values: session._write(self, wrap(values[0], self.dtype)),
            )
            if collections is None:
                collections = [GraphKeys.GLOBAL_VARIABLES]
            if self.trainable and GraphKeys.TRAINABLE_VARIABLES not in collections:
                collections = [*collections, GraphKeys.TRAINABLE_VARIABLES]
            graph.add_to_collections(collections, self)

    def __repr__(self):
        return f"<tf.Variable '{self.name}' shape={self.shape} dtype={self.dtype.name}>"

    def read_value(self) -> Tensor:
        op = self.graph.create_op("Identity", f"{self.op.name}/read", [self], lambda session, values: values[0])
        return _output(op, self.dtype, self.shape.dims)

    def assign_add(self, delta, name=None) -> Tensor:
        """An operation that adds ``delta`` (wrapping on overflow) and yields the new value."""
        delta = convert_to_tensor(delta, dtype=self.dtype, graph=self.graph)

        def compute(session, values):
            return session._write(self, wrap(session._read(self).astype(object) + values[0], self.dtype))

        op = self.graph.create_op("AssignAdd", name or "AssignAdd", [delta], compute)
        return _output(op, self.dtype, self.shape.dims)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True) -> Tensor:
        """An operation that subtracts ``delta`` and yields the new value."""
        delta = convert_to_tensor(delta, dtype=self.dtype, graph=self.graph)
        op = self.graph.create_op("AssignSub", name or "AssignSub", [delta], lambda session, values: session._write(
            self, wrap(session._read(self) - values[0], self.dtype)))
        return _output(op, self.dtype, self.shape.dims)

    def assign(self, value, name=None) -> Tensor:
        value = convert_to_tensor(value, dtype=self.dtype, graph=self.graph)
        op = self.graph.create_op("Assign", name or "Assign",
                                  [value], lambda session, values: session._write(self, wrap(values[0], self.dtype)))
        return _output(op, self.dtype, self.shape.dims)


class zeros_initializer:  # noqa: N801 - TensorFlow's name
    def __call__(self, shape, dtype):
        return np.zeros(shape, dtype=dtypes.as_dtype(dtype).as_numpy_dtype)


class constant_initializer:  # noqa: N801 - TensorFlow's name
    def __init__(self, value=0):
        self.value = value

    def __call__(self, shape, dtype):
        return np.full(shape, self.value, dtype=dtypes.as_dtype(dtype).as_numpy_dtype)


class ones_initializer:  # noqa: N801 - TensorFlow's name
    def __call__(self, shape, dtype):
        return np.ones(shape, dtype=dtypes.as_dtype(dtype).as_numpy_dtype)


def get_variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=None, collections=None,
                 caching_device=None, partitioner=None, validate_shape=True, use_resource=None, custom_getter=None,
                 constraint=None, synchronization=None, aggregation=None):
    """Create ``<variable scope>/name``; ValueError if it exists (without reuse) or is missing (with reuse).

    ``initializer``, ``regularizer``, ``partitioner``, ``custom_getter``, ``dtype``, ``use_resource`` and
    ``constraint`` default to the enclosing variable_scopes'. A ``custom_getter`` is called as TensorFlow calls it,
    ``custom_getter(getter, name, **options)``, with the full name; the variable is whatever it returns. With a
    ``partitioner`` and a non-scalar shape the result is a PartitionedVariable (a scalar, the step, never is); a
    ``regularizer``'s loss of each new variable (each part) goes into REGULARIZATION_LOSSES."""
    graph = get_default_graph()
    defaults = graph._variable_defaults
    full_name = f"{graph._variable_scope}/{name}" if graph._variable_scope else name
    options = dict(shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer, trainable=trainable,
                   collections=collections, caching_device=caching_device, partitioner=partitioner,
                   validate_shape=validate_shape, use_resource=use_resource, constraint=constraint,
                   synchronization=synchronization, aggregation=aggregation, reuse=graph._variable_reuse)
    for key in ("regularizer", "partitioner", "use_resource", "constraint"):
        options[key] = defaults.get(key) if options[key] is None else options[key]
    custom_getter = custom_getter or defaults.get("custom_getter")
    if custom_getter is not None:
        return custom_getter(getter=_true_getter, name=full_name, **options)
    return _true_getter(full_name, **options)


def _true_getter(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=None, collections=None,
                 caching_device=None, partitioner=None, validate_shape=True, use_resource=None, constraint=None,
                 synchronization=None, aggregation=None, reuse=None):
    """get_variable's work for the full name ``name``, past any custom getter."""
    graph = get_default_graph()
    existing = graph._variable_store.get(name)
    if reuse is AUTO_REUSE and existing is not None:
        return existing
    if reuse is True:
        if existing is None:
            raise ValueError(f"Variable {name} does not exist, or was not created with tf.get_variable().")
        return existing
    if existing is not None:
        raise ValueError(f"Variable {name} already exists, disallowed.")
    dtype = dtypes.as_dtype(dtype or graph._variable_defaults.get("dtype") or dtypes.float32)
    if initializer is None:
        initializer = graph._variable_initializer or zeros_initializer()
    shape = list(shape or [])

    def make(op_name, part_shape):
        value = initializer(part_shape, dtype) if callable(initializer) else initializer
        variable = Variable(value, trainable=trainable, collections=collections, dtype=dtype, constraint=constraint,
                            use_resource=use_resource, _op_name=graph.unique_name(op_name, use_name_scope=False))
        if regularizer is not None:
            graph.add_to_collection(GraphKeys.REGULARIZATION_LOSSES, regularizer(variable))
        return variable

    if partitioner is None or not shape:
        made = make(name, shape)
    else:
        counts = list(partitioner(shape=TensorShape(shape), dtype=dtype))
        axis = next((i for i, n in enumerate(counts) if n > 1), 0)
        sizes = [shape[axis] // counts[axis] + (i < shape[axis] % counts[axis]) for i in range(counts[axis])]
        made = PartitionedVariable(name, shape, dtype, axis, [
            make(f"{name}/part_{i}", [*shape[:axis], size, *shape[axis + 1:]]) for i, size in enumerate(sizes)])
    graph._variable_store[name] = made
    return made


def fixed_size_partitioner(num_shards, axis=0):
    """A partitioner that splits ``axis`` into ``num_shards`` parts (fewer when the axis is shorter)."""

    def partitioner(shape, dtype=None, **unused):
        counts = [1] * len(shape.as_list())
        counts[axis] = min(num_shards, shape.as_list()[axis])
        return counts

    return partitioner


class PartitionedVariable:
    """A variable stored as parts along one axis: each part a Variable named ``<name>/part_<i>`` in the
    collections; used as a tensor it is their concatenation. TensorFlow's optimizers train the parts."""

    def __init__(self, name, shape, dtype, axis, parts):
        self.name, self.dtype, self._shape, self._axis, self._parts = name, dtype, TensorShape(shape), axis, parts

    def __iter__(self):
        return iter(self._parts)

    def __len__(self):
        return len(self._parts)

    def _get_variable_list(self):
        return list(self._parts)

    @property
    def graph(self):
        return self._parts[0].graph

    def get_shape(self) -> TensorShape:
        return self._shape

    @property
    def shape(self) -> TensorShape:
        return self._shape

    def as_tensor(self) -> Tensor:
        """The parts concatenated along the partitioned axis."""
        return concat(self._parts, self._axis)

    def __repr__(self):
        return f"<tf.PartitionedVariable '{self.name}' shape={self._shape} parts={len(self._parts)}>"


def concat(values, axis, name="concat") -> Tensor:
    """``values`` joined along ``axis``."""
    values = [convert_to_tensor(v) for v in values]
    shape = values[0].shape.as_list()
    shape[axis] = sum(v.shape.as_list()[axis] for v in values)
    op = values[0].graph.create_op("ConcatV2", name, values,
                                   lambda session, arrays: np.concatenate(arrays, axis=axis))
    return _output(op, values[0].dtype, shape)


def _split_like(grad: Tensor, parts) -> tuple:
    """The gradient of a concatenation, cut back into the shapes of its ``parts`` (along the one axis where a
    part is shorter than the whole)."""
    whole = grad.shape.as_list()
    axis = next((i for i, n in enumerate(parts[0].shape.as_list()) if n != whole[i]), 0)
    edges = np.cumsum([0, *(part.shape.as_list()[axis] for part in parts)])

    def piece(start, stop, part):
        op = grad.graph.create_op("Slice", "Slice", [grad], lambda session, values: np.take(
            values[0], range(start, stop), axis=axis))
        return _output(op, grad.dtype, part.shape.as_list())

    return tuple(piece(int(edges[i]), int(edges[i + 1]), part) for i, part in enumerate(parts))


def global_variables() -> list:
    return get_default_graph().get_collection(GraphKeys.GLOBAL_VARIABLES)


def trainable_variables() -> list:
    return get_default_graph().get_collection(GraphKeys.TRAINABLE_VARIABLES)


def local_variables() -> list:
    return get_default_graph().get_collection(GraphKeys.LOCAL_VARIABLES)


def local_variables_initializer():
    return variables_initializer(local_variables(), name="init_1")


def variables_initializer(var_list, name="init"):
    return group(*[variable.initializer for variable in var_list], name=name)


def global_variables_initializer():
    return variables_initializer(global_variables())


# -- arithmetic and gradients ------------------------------------------------------------------------------
def _binary(op_type, a, b, fn) -> Tensor:
    a_tensor = a if isinstance(a, Tensor) else None
    b_tensor = b if isinstance(b, Tensor) else None
    graph = (a_tensor or b_tensor).graph
    dtype = (a_tensor or b_tensor).dtype
    a, b = convert_to_tensor(a, dtype, graph), convert_to_tensor(b, dtype, graph)
    if a.graph is not b.graph:
        raise ValueError(f"Tensor({b!r}) must be from the same graph as Tensor({a!r}).")
    if a.dtype is not b.dtype:
        raise TypeError(f"Input 'y' of '{op_type}' has type {b.dtype.name} that does not match type {a.dtype.name}.")
    shape = np.broadcast_shapes(a.shape.as_list() if a.shape.is_fully_defined() else (),
                                b.shape.as_list() if b.shape.is_fully_defined() else ())
    op = graph.create_op(op_type, op_type, [a, b], lambda session, values: wrap(fn(*values), dtype))
    return _output(op, dtype, shape)


def add(a, b) -> Tensor:
    return _binary("Add", a, b, lambda x, y: x.astype(object) + y if x.dtype.kind in "iu" else x + y)


def subtract(a, b) -> Tensor:
    return _binary("Sub", a, b, lambda x, y: x.astype(object) - y if x.dtype.kind in "iu" else x - y)


def multiply(a, b) -> Tensor:
    return _binary("Mul", a, b, lambda x, y: x.astype(object) * y if x.dtype.kind in "iu" else x * y)


def cast(x, dtype, name="Cast") -> Tensor:
    """``x`` converted to ``dtype`` (a gradient flows back only between floating dtypes)."""
    dtype = dtypes.as_dtype(dtype)
    op = x.graph.create_op("Cast", name, [x], lambda session, values: wrap(values[0], dtype))
    return _output(op, dtype, x.shape.dims)


def negative(a) -> Tensor:
    return multiply(a, -1)


def _sum_to(grad: Tensor, like: Tensor) -> Tensor:
    """Undo broadcasting: sum ``grad`` down to the shape of ``like``."""
    if grad.shape == like.shape:
        return grad
    shape = like.shape.as_list()
    op = grad.graph.create_op("SumTo", "SumTo", [grad], lambda session, values: _reduce(values[0], shape))
    return _output(op, grad.dtype, shape)


def _reduce(value, shape):
    while np.ndim(value) > len(shape):
        value = np.sum(value, axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and np.shape(value)[axis] != 1:
            value = np.sum(value, axis=axis, keepdims=True)
    return value


def reduce_sum(x, name="Sum") -> Tensor:
    """The sum of all elements of ``x``, a scalar."""
    x = convert_to_tensor(x)
    op = x.graph.create_op("Sum", name, [x], lambda session, values: np.sum(values[0]).astype(values[0].dtype))
    return _output(op, x.dtype, [])


def gather(params, indices, name="GatherV2") -> Tensor:
    """``params[indices]`` along the first axis; its gradient for ``params`` is sparse (rows ``indices``)."""
    graph = params.graph
    indices = convert_to_tensor(indices, graph=graph)
    op = graph.create_op("GatherV2", name, [params, indices],
                         lambda session, values: np.take(values[0], np.asarray(values[1], np.int64), axis=0))
    rows = list(indices.shape.dims or ())
    return _output(op, params.dtype, rows + list(params.shape.dims or ())[1:])


def embedding_lookup(params, ids, name=None) -> Tensor:
    """``tf1.nn.embedding_lookup`` with one shard: ``gather(params, ids)``."""
    return gather(params, ids, name=name or "embedding_lookup")


def _scatter(grad: Tensor, indices: Tensor, like: Tensor) -> Tensor:
    """The dense form of a sparse gradient: ``grad``'s rows added into zeros of ``like``'s shape at ``indices``."""
    shape = like.shape.as_list()

    def compute(session, values):
        out = np.zeros(shape, dtype=values[0].dtype)
        np.add.at(out, np.asarray(values[1], np.int64), values[0])
        return out

    op = grad.graph.create_op("ScatterNd", "ScatterNd", [grad, indices], compute)
    return _output(op, grad.dtype, shape)


def _broadcast(grad: Tensor, like: Tensor) -> Tensor:
    shape = like.shape.as_list()
    op = grad.graph.create_op("BroadcastTo", "BroadcastTo", [grad],
                              lambda session, values: np.broadcast_to(values[0], shape).copy())
    return _output(op, grad.dtype, shape)


_GRADIENTS = {  # op type -> (upstream gradient, inputs) -> gradient for each input (None: not differentiable)
    "Add": lambda g, a, b: (g, g),
    "Sub": lambda g, a, b: (g, negative(g)),
    "Mul": lambda g, a, b: (g * b, g * a),
    "Identity": lambda g, a: (g,),
    "Sum": lambda g, a: (_broadcast(g, a),),
    "GatherV2": lambda g, params, indices: (_scatter(g, indices, params), None),
    "ConcatV2": lambda g, *parts: _split_like(g, parts),
    "Cast": lambda g, a: (cast(g, a.dtype) if a.dtype.is_floating and g.dtype.is_floating else None,),
}


def clip_by_value(t, clip_value_min, clip_value_max, name=None) -> Tensor:
    """``t`` with every element clipped to [min, max] (no gradient: constraints use it after the update)."""
    op = t.graph.create_op("ClipByValue", name or "clip_by_value", [t],
                           lambda session, values: np.clip(values[0], clip_value_min, clip_value_max))
    return _output(op, t.dtype, t.shape.dims)


def gradients(ys: Tensor, xs: list, grad_ys=None) -> list:
    """d(ys)/d(x) for each x, as tensors, ``grad_ys`` (default ones) being d(loss)/d(ys); None where ys does not
    depend on x (reverse-mode autodiff)."""
    order, seen = [], set()

    def visit(tensor):  # post-order: a tensor comes after everything it is computed from
        if id(tensor) in seen:
            return
        seen.add(id(tensor))
        for parent in tensor.op.inputs:
            visit(parent)
        order.append(tensor)

    visit(ys)
    with ys.graph.as_default():
        seed = constant(1, dtype=ys.dtype, shape=ys.shape.as_list() or None) if grad_ys is None else \
            convert_to_tensor(grad_ys, dtype=ys.dtype)
        grads = {id(ys): seed}
        for tensor in reversed(order):
            grad = grads.get(id(tensor))
            rule = _GRADIENTS.get(tensor.op.type)
            if grad is None or rule is None:
                continue
            for parent, parent_grad in zip(tensor.op.inputs, rule(grad, *tensor.op.inputs), strict=True):
                if parent_grad is None:
                    continue
                parent_grad = _sum_to(parent_grad, parent)
                previous = grads.get(id(parent))
                grads[id(parent)] = parent_grad if previous is None else previous + parent_grad
    return [grads.get(id(x)) for x in xs]


# -- grouping and scopes -----------------------------------------------------------------------------------
def group(*inputs, name="group_deps"):
    """An operation that runs all ``inputs`` (operations or tensors) and yields nothing."""
    graph = inputs[0].graph if inputs else get_default_graph()
    with graph.control_dependencies(inputs):
        return graph.create_op("NoOp", name)


def control_dependencies(control_inputs):
    return get_default_graph().control_dependencies(control_inputs)


def device(device_name):
    return get_default_graph().device(device_name)


def no_op(name="NoOp"):
    """An operation that does nothing (a handle for control_dependencies)."""
    return get_default_graph().create_op("NoOp", name)


class AggregationMethod:
    """How gradients of one tensor from several paths are summed; every method gives the same sum here."""

    ADD_N = 0
    DEFAULT = ADD_N
    EXPERIMENTAL_TREE = 1
    EXPERIMENTAL_ACCUMULATE_N = 2


def name_scope(name, default_name=None, values=None):
    return get_default_graph().name_scope(name if name is not None else default_name)


@contextlib.contextmanager
def variable_scope(name_or_scope, default_name=None, values=None, initializer=None, regularizer=None,
                   caching_device=None, partitioner=None, custom_getter=None, reuse=None, dtype=None, use_resource=None,
                   constraint=None, auxiliary_name_scope=True):
    """TensorFlow's signature; ``initializer``, ``regularizer``, ``partitioner``, ``custom_getter``, ``dtype``,
    ``use_resource`` and ``constraint`` are get_variable's defaults inside (a call that passes its own wins)."""
    with get_default_graph().variable_scope(name_or_scope or default_name, reuse=reuse, initializer=initializer,
                                            dtype=dtype, use_resource=use_resource, constraint=constraint,
                                            regularizer=regularizer, partitioner=partitioner,
                                            custom_getter=custom_getter) as scope:
        yield scope


def add_to_collection(name, value) -> None:
    get_default_graph().add_to_collection(name, value)


def get_collection(name, scope=None) -> list:
    return get_default_graph().get_collection(name, scope)


__all__ = ["TensorShape"]


class _Strategy:
    """A distribution strategy on one device: its ``scope()`` changes nothing about how variables are made."""

    def __init__(self, device="/cpu:0"):
        self.device = device
        self.num_replicas_in_sync = 1

    @contextlib.contextmanager
    def scope(self):
        """Enter the strategy; inside another strategy's scope, RuntimeError (TensorFlow: "Mixing different
        tf.distribute.Strategy objects")."""
        if _STRATEGIES and _STRATEGIES[-1] is not self:
            raise RuntimeError(f"Mixing different tf.distribute.Strategy objects: {self} is not {_STRATEGIES[-1]}")
        _STRATEGIES.append(self)
        try:
            yield self
        finally:
            _STRATEGIES.pop()


_STRATEGIES: list = []  # the strategies whose scope is entered, innermost last


def get_strategy():
    """The strategy whose scope is entered, else the default strategy (no distribution)."""
    return _STRATEGIES[-1] if _STRATEGIES else _DEFAULT_STRATEGY


_DEFAULT_STRATEGY = _Strategy()


class OneDeviceStrategy(_Strategy):
    """``OneDeviceStrategy(device)``: everything on ``device``."""
