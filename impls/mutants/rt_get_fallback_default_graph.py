"""get_global_step's name fallback (`global_step:0`) searches the default graph instead of the graph= argument."""
from impls.mutants import edited

KILLED_BY = {"GS-GET-GRAPH-ARG": "fail"}


def get_global_step(graph=None):
    """The step of ``graph`` (default: the default graph), or None (GS-GET-*)."""
    graph = graph or get_default_graph()
    found = graph.get_collection(GraphKeys.GLOBAL_STEP)
    if len(found) > 1:
        logger.error("Multiple tensors in global_step collection.")
        return None
    if found:
        step = found[0]
    else:
        try:
            step = get_default_graph().get_tensor_by_name("global_step:0")  # DEFECT: not graph.get_tensor_by_name
        except KeyError:
            return None
    assert_global_step(step)
    return step


api = edited(get_global_step)
