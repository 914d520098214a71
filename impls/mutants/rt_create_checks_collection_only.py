"""create_global_step checks only the GLOBAL_STEP collection for an existing step, so a step found by the name `global_step:0` does not stop it."""
from impls.mutants import edited

KILLED_BY = {"GS-CREATE-EXISTS-RAISES": "fail"}


def create_global_step(graph=None):
    """Create the step in ``graph``: int64 scalar, zero, not trainable (GS-CREATE-*).

    It escapes any name scope so it is always found by name, and raises ValueError if the graph has a step.
    """
    graph = graph or get_default_graph()
    if graph.get_collection(GraphKeys.GLOBAL_STEP):
        raise ValueError('"global_step" already exists.')
    with graph.as_default(), graph.name_scope(None):
        return get_variable(
            GraphKeys.GLOBAL_STEP, shape=[], dtype=dtypes.int64, initializer=zeros_initializer(),
            trainable=False, collections=[GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP],
        )


api = edited(create_global_step)
