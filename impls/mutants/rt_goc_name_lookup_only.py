"""get_or_create_global_step's fast path looks only for the name global_step:0, so a step known only through the GLOBAL_STEP collection makes it raise."""
from impls.mutants import edited

KILLED_BY = {"GS-GET-USER-STEP": "crash"}


def get_or_create_global_step(graph=None):
    """The step of ``graph``, created on first use (GS-IDEM-*, GS-GRAPH-*)."""
    graph = graph or get_default_graph()
    try:
        step = graph.get_tensor_by_name("global_step:0")  # DEFECT: skips the GLOBAL_STEP collection
    except KeyError:
        return create_global_step(graph)
    assert_global_step(step)
    return step


api = edited(get_or_create_global_step)
