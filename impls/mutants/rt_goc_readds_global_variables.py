"""get_or_create_global_step re-registers a found step in GLOBAL_VARIABLES on every call, so the collection grows."""
from impls.mutants import edited

KILLED_BY = {"GS-IDEM-NO-GROWTH": "fail"}


def get_or_create_global_step(graph=None):
    """The step of ``graph``, created on first use (GS-IDEM-*, GS-GRAPH-*)."""
    graph = graph or get_default_graph()
    step = get_global_step(graph)
    if step is None:
        return create_global_step(graph)
    graph.add_to_collection(GraphKeys.GLOBAL_VARIABLES, step)  # DEFECT: "make sure the initializer covers it"
    return step


api = edited(get_or_create_global_step)
