"""create_global_step(graph) checks for an existing step in the *default* graph, so it refuses to create in g2 when g1 (default) has one."""
from impls.mutants import edited

KILLED_BY = {"GS-CREATE-EXISTS-RAISES": "fail", "GS-GET-GRAPH-ARG": "crash"}


def create_global_step(graph=None):
    """Create the step in ``graph``: int64 scalar, zero, not trainable (GS-CREATE-*)."""
    graph = graph or get_default_graph()
    if get_global_step() is not None:  # DEFECT: the existence check forgets to pass graph
        raise ValueError('"global_step" already exists.')
    with graph.as_default(), graph.name_scope(None):
        return get_variable(
            GraphKeys.GLOBAL_STEP, shape=[], dtype=dtypes.int64, initializer=zeros_initializer(),
            trainable=False, collections=[GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP],
        )


api = edited(create_global_step)
