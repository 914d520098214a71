"""A pure-Python mini-TensorFlow: exactly the ``tf.compat.v1`` surface the conformance suite uses.

It imports no TensorFlow. Use it as ``--backend=reference`` (or ``--backend=impls.reference``). It is also the
model the stateful tests compare every other backend with, so it is written to be read:

- graph.py    Graph, the default-graph stack, collections, GraphKeys, name and variable scopes
- ops.py      constant, placeholder, Variable, get_variable, + - * with gradients, group
- session.py  Session.run and the variable values it holds
- train.py    the five global-step functions and the ten optimizers that build in a plain graph
"""

from types import SimpleNamespace

from impls.reference import dtypes, train
from impls.reference.dtypes import (
    DType,
    as_dtype,
    bool,
    float16,
    float32,
    float64,
    int8,
    int16,
    int32,
    int64,
    uint8,
    uint16,
    uint32,
    uint64,
)
from impls.reference.graph import (
    AUTO_REUSE,
    Graph,
    GraphKeys,
    Operation,
    Tensor,
    TensorShape,
    get_default_graph,
    reset_default_graph,
)
from impls.reference.ops import (
    AggregationMethod,
    FailedPreconditionError,
    InvalidArgumentError,
    OneDeviceStrategy,
    PartitionedVariable,
    Variable,
    VariableAggregation,
    VariableSynchronization,
    add_to_collection,
    cast,
    clip_by_value,
    concat,
    constant,
    constant_initializer,
    control_dependencies,
    convert_to_tensor,
    device,
    embedding_lookup,
    fixed_size_partitioner,
    gather,
    get_collection,
    get_strategy,
    get_variable,
    global_variables,
    global_variables_initializer,
    gradients,
    group,
    local_variables,
    local_variables_initializer,
    name_scope,
    no_op,
    ones_initializer,
    placeholder,
    reduce_sum,
    trainable_variables,
    variable_scope,
    variables_initializer,
    zeros_initializer,
)
from impls.reference.session import InteractiveSession, Session, get_default_session

__version__ = "1.0.0"

nn = SimpleNamespace(embedding_lookup=embedding_lookup)
mixed_precision = SimpleNamespace(MixedPrecisionLossScaleOptimizer=train.MixedPrecisionLossScaleOptimizer,
                                  DynamicLossScale=train.DynamicLossScale, FixedLossScale=train.FixedLossScale)
distribute = SimpleNamespace(get_strategy=get_strategy, OneDeviceStrategy=OneDeviceStrategy)
errors = SimpleNamespace(FailedPreconditionError=FailedPreconditionError, InvalidArgumentError=InvalidArgumentError)

__all__ = [
    "AUTO_REUSE",
    "AggregationMethod",
    "DType",
    "FailedPreconditionError",
    "Graph",
    "GraphKeys",
    "InteractiveSession",
    "InvalidArgumentError",
    "Operation",
    "PartitionedVariable",
    "Session",
    "Tensor",
    "TensorShape",
    "Variable",
    "VariableAggregation",
    "VariableSynchronization",
    "add_to_collection",
    "as_dtype",
    "bool",
    "cast",
    "clip_by_value",
    "concat",
    "constant",
    "constant_initializer",
    "control_dependencies",
    "convert_to_tensor",
    "device",
    "distribute",
    "dtypes",
    "errors",
    "fixed_size_partitioner",
    "float16",
    "float32",
    "float64",
    "gather",
    "get_collection",
    "get_default_graph",
    "get_default_session",
    "get_variable",
    "global_variables",
    "global_variables_initializer",
    "gradients",
    "group",
    "int8",
    "int16",
    "int32",
    "int64",
    "local_variables",
    "local_variables_initializer",
    "mixed_precision",
    "name_scope",
    "nn",
    "no_op",
    "ones_initializer",
    "placeholder",
    "reduce_sum",
    "reset_default_graph",
    "train",
    "trainable_variables",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "variable_scope",
    "variables_initializer",
    "zeros_initializer",
]
