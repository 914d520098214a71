"""create_global_step makes the variable first and checks for an existing step afterwards, so the ValueError leaves an orphan in GLOBAL_VARIABLES."""
from impls.mutants import edited

KILLED_BY = {"GS-CREATE-EXISTS-RAISES": "fail"}


def create_global_step(graph=None):
    """Create the step in ``graph``: int64 scalar, zero, not trainable (GS-CREATE-*)."""
    graph = graph or get_default_graph()
    with graph.as_default(), graph.name_scope(None):
        step = get_variable(
            GraphKeys.GLOBAL_STEP, shape=[], dtype=dtypes.int64, initializer=zeros_initializer(),
            trainable=False, collections=[GraphKeys.GLOBAL_VARIABLES],
        )
    if graph.get_collection(GraphKeys.GLOBAL_STEP):  # DEFECT: checked after the variable was already added
        raise ValueError('"global_step" already exists.')
    graph.add_to_collection(GraphKeys.GLOBAL_STEP, step)
    return step


api = edited(create_global_step)
