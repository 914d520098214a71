"""Graphs, operations, tensors and the scopes that name them.

A ``Graph`` owns operations, collections, a name scope and a variable scope. Operations are plain records (a
type, inputs, control inputs and a ``compute`` function that a Session calls); nothing runs while a graph is
built. The default graph is a per-thread stack, as in TensorFlow.
"""

from __future__ import annotations

import contextlib
import itertools
import threading

from impls.reference import dtypes


class GraphKeys:
    """Standard collection names (the same strings TensorFlow uses)."""

    GLOBAL_VARIABLES = "variables"
    VARIABLES = "variables"
    TRAINABLE_VARIABLES = "trainable_variables"
    LOCAL_VARIABLES = "local_variables"
    MODEL_VARIABLES = "model_variables"
    GLOBAL_STEP = "global_step"
    TRAIN_OP = "train_op"
    UPDATE_OPS = "update_ops"
    REGULARIZATION_LOSSES = "regularization_losses"


class _AutoReuse:
    def __repr__(self):
        return "AUTO_REUSE"


#: ``variable_scope(..., reuse=AUTO_REUSE)``: get_variable returns the variable if it exists, else creates it.
AUTO_REUSE = _AutoReuse()


class TensorShape:
    """A shape whose rank (``dims is None``) or dimensions (``None`` entries) may be unknown."""

    def __init__(self, dims):
        self.dims = None if dims is None else tuple(None if d is None else int(d) for d in dims)

    @property
    def ndims(self):
        return None if self.dims is None else len(self.dims)

    rank = ndims

    def is_fully_defined(self) -> bool:
        return self.dims is not None and None not in self.dims

    def as_list(self):
        if self.dims is None:
            raise ValueError("as_list() is not defined on an unknown TensorShape.")
        return list(self.dims)

    def __eq__(self, other):
        other = other if isinstance(other, TensorShape) else TensorShape(other)
        return self.dims == other.dims

    def __hash__(self):
        return hash(self.dims)

    def __repr__(self):
        if self.dims is None:
            return "<unknown>"
        return "(" + ", ".join(map(str, self.dims)) + ("," if len(self.dims) == 1 else "") + ")"


class Operation:
    """A node of the graph. ``compute(session, inputs)`` returns the output value (or None)."""

    def __init__(self, graph, op_type, name, inputs=(), compute=None, control_inputs=()):
        self.graph, self.type, self.name = graph, op_type, name
        self.inputs = tuple(inputs)
        self.control_inputs = tuple(control_inputs) + tuple(graph._current_control_inputs())
        self.device = graph._device
        self.compute = compute or (lambda session, values: None)
        self.outputs: list[Tensor] = []

    def __repr__(self):
        return f"<tf.Operation '{self.name}' type={self.type}>"


class Tensor:
    """The single output of an operation."""

    def __init__(self, op: Operation, dtype, shape):
        self.op, self.dtype, self.shape = op, dtypes.as_dtype(dtype), TensorShape(shape)
        op.outputs.append(self)

    @property
    def name(self) -> str:
        return f"{self.op.name}:0"

    @property
    def graph(self):
        return self.op.graph

    def get_shape(self) -> TensorShape:
        return self.shape

    def __repr__(self):
        return f"<tf.Tensor '{self.name}' shape={self.shape} dtype={self.dtype.name}>"

    # Arithmetic builds new operations; see impls/reference/ops.py.
    def __add__(self, other):
        return _ops().add(self, other)

    def __radd__(self, other):
        return _ops().add(other, self)

    def __sub__(self, other):
        return _ops().subtract(self, other)

    def __rsub__(self, other):
        return _ops().subtract(other, self)

    def __mul__(self, other):
        return _ops().multiply(self, other)

    def __rmul__(self, other):
        return _ops().multiply(other, self)

    def __neg__(self):
        return _ops().negative(self)


def _ops():
    from impls.reference import ops  # late import: ops builds on this module

    return ops


class Graph:
    """A computation graph: operations by name, collections, and per-graph scopes."""

    _ids = itertools.count(1)

    def __init__(self):
        self._id = next(Graph._ids)
        self._operations: dict[str, Operation] = {}
        self._collections: dict[str, list] = {}
        self._name_stack = ""  # current name scope, "" at the root
        self._variable_scope = ""  # current variable scope name
        self._variable_reuse = False
        self._variable_initializer = None  # the innermost variable_scope's initializer=, if any
        self._variable_defaults: dict = {}  # get_variable's dtype / use_resource / constraint from variable_scopes
        self._variable_store: dict[str, object] = {}  # get_variable's variables by full name
        self._control_stack: list[list[Operation]] = []
        self._device = ""
        self._finalized = False

    def finalize(self) -> None:
        """After this, adding an operation raises RuntimeError (MonitoredSession finalizes its graph)."""
        self._finalized = True

    @property
    def finalized(self) -> bool:
        return self._finalized

    def __repr__(self):
        return f"<reference.Graph #{self._id}>"

    # -- default graph ----------------------------------------------------------------------------------
    @contextlib.contextmanager
    def as_default(self):
        _stack().append(self)
        try:
            yield self
        finally:
            _stack().pop()

    # -- operations and names ---------------------------------------------------------------------------
    def unique_name(self, name: str, *, use_name_scope: bool = True) -> str:
        """``name`` under the current name scope, suffixed _1, _2, ... if an operation already has it."""
        base = f"{self._name_stack}/{name}" if use_name_scope and self._name_stack else name
        candidate, suffix = base, itertools.count(1)
        while candidate in self._operations:
            candidate = f"{base}_{next(suffix)}"
        return candidate

    def create_op(self, op_type, name, inputs=(), compute=None, *, use_name_scope=True) -> Operation:
        if self._finalized:
            raise RuntimeError("Graph is finalized and cannot be modified.")
        for tensor in inputs:
            if tensor.graph is not self:
                raise ValueError(f"Tensor {tensor!r} must be from the same graph as the operation being built.")
        op = Operation(self, op_type, self.unique_name(name, use_name_scope=use_name_scope), inputs, compute)
        self._operations[op.name] = op
        return op

    def get_operations(self) -> list[Operation]:
        return list(self._operations.values())

    def get_tensor_by_name(self, name: str) -> Tensor:
        op_name, _, index = name.rpartition(":")
        op = self._operations.get(op_name)
        if op is None or index != "0" or not op.outputs:
            raise KeyError(f"The name {name!r} refers to a Tensor which does not exist.")
        return op.outputs[0]

    def get_operation_by_name(self, name: str) -> Operation:
        try:
            return self._operations[name]
        except KeyError:
            raise KeyError(f"The name {name!r} refers to an Operation not in the graph.") from None

    # -- collections --------------------------------------------------------------------------------------
    def add_to_collection(self, name: str, value) -> None:
        self._collections.setdefault(name, []).append(value)

    def add_to_collections(self, names, value) -> None:
        for name in dict.fromkeys(names):  # a name listed twice is added once, as in TensorFlow
            self.add_to_collection(name, value)

    def get_collection(self, name: str, scope=None) -> list:
        items = list(self._collections.get(name, []))
        if scope is not None:
            items = [item for item in items if getattr(item, "name", "").startswith(scope)]
        return items

    def get_collection_ref(self, name: str) -> list:
        return self._collections.setdefault(name, [])

    def get_all_collection_keys(self) -> list[str]:
        return [key for key, items in self._collections.items() if items]

    # -- scopes -------------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def name_scope(self, name):
        """Enter name scope ``name`` (relative); ``None`` or "" returns to the root."""
        saved = self._name_stack
        if not name:
            self._name_stack = ""
        elif name.endswith("/"):  # an absolute scope, as returned by a previous name_scope
            self._name_stack = name[:-1]
        else:
            self._name_stack = self.unique_scope(name)
        try:
            yield f"{self._name_stack}/" if self._name_stack else ""
        finally:
            self._name_stack = saved

    def unique_scope(self, name: str) -> str:
        full = f"{self._name_stack}/{name}" if self._name_stack else name
        return full  # re-entering a scope name reuses it; operations are still made unique by unique_name

    @contextlib.contextmanager
    def variable_scope(self, name, reuse=None, initializer=None, **defaults):
        """Enter variable scope ``name``; ``reuse`` True or AUTO_REUSE, ``initializer`` and the other ``defaults``
        (``dtype``, ``use_resource``, ``constraint``, ``regularizer``, ``partitioner``, ``custom_getter``:
        get_variable's defaults inside) are inherited by inner
        scopes."""
        saved = (self._variable_scope, self._variable_reuse, self._variable_initializer, self._variable_defaults)
        self._variable_defaults = {**self._variable_defaults, **{k: v for k, v in defaults.items() if v is not None}}
        if initializer is not None:
            self._variable_initializer = initializer
        self._variable_scope = f"{self._variable_scope}/{name}" if self._variable_scope and name else (name or "")
        if reuse is AUTO_REUSE or (reuse and self._variable_reuse is not AUTO_REUSE):
            self._variable_reuse = reuse if reuse is AUTO_REUSE else True
        try:
            with self.name_scope(name):
                yield self._variable_scope
        finally:
            self._variable_scope, self._variable_reuse, self._variable_initializer, self._variable_defaults = saved

    @contextlib.contextmanager
    def device(self, device_name):
        """Place the operations built inside on ``device_name``: recorded, never used (one CPU)."""
        saved, self._device = self._device, device_name
        try:
            yield
        finally:
            self._device = saved

    @contextlib.contextmanager
    def control_dependencies(self, control_inputs):
        """Operations made inside depend on ``control_inputs``, and on the outer blocks' unless it is None."""
        self._control_stack.append(None if control_inputs is None else
                                   [getattr(item, "op", item) for item in control_inputs])
        try:
            yield
        finally:
            self._control_stack.pop()

    def _current_control_inputs(self):
        levels = self._control_stack
        cleared = max((i + 1 for i, level in enumerate(levels) if level is None), default=0)
        return [op for level in levels[cleared:] for op in level]


# -- the default graph ----------------------------------------------------------------------------------
_local = threading.local()
_global_default = [Graph()]


def _stack() -> list[Graph]:
    if not hasattr(_local, "stack"):
        _local.stack = []
    return _local.stack


def get_default_graph() -> Graph:
    """The innermost graph entered with ``as_default()`` in this thread, else the global default graph."""
    stack = _stack()
    return stack[-1] if stack else _global_default[0]


def reset_default_graph() -> None:
    if _stack():
        raise AssertionError("Do not use tf.reset_default_graph() to clear nested graphs.")
    _global_default[0] = Graph()
