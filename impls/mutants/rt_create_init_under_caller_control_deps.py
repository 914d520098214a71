"""create_global_step builds the step's zero initial value itself (named like TF's `global_step/Initializer/zeros`) inside the caller's control_dependencies, so initialising the step runs the caller's ops."""

from impls.mutants import edited
from impls.reference import dtypes
from impls.reference.ops import constant

KILLED_BY = {"GS-CREATE-FRESH-ZERO": "crash"}


def create_global_step(graph=None):
    """Create the step in ``graph``: int64 scalar, zero, not trainable (GS-CREATE-*)."""
    graph = graph or get_default_graph()
    if get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default(), graph.name_scope(None):
        zero = constant(0, dtype=dtypes.int64, name="global_step/Initializer/zeros")
        return get_variable(
            GraphKeys.GLOBAL_STEP, shape=[], dtype=dtypes.int64, initializer=zero,
            trainable=False, collections=[GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP],
        )


api = edited(create_global_step, imports={"constant": constant})
