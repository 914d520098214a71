"""get_global_step only accepts GLOBAL_STEP entries that are also in GLOBAL_VARIABLES, so a user's LOCAL step is not found."""
from impls.mutants import edited

KILLED_BY = {"GS-GET-USER-STEP": "fail"}


def get_global_step(graph=None):
    """The step of ``graph`` (default: the default graph), or None (GS-GET-*)."""
    graph = graph or get_default_graph()
    initialised = graph.get_collection(GraphKeys.GLOBAL_VARIABLES)
    # DEFECT: "a step must be covered by global_variables_initializer" - drops local/collection-only steps
    found = [item for item in graph.get_collection(GraphKeys.GLOBAL_STEP) if any(item is v for v in initialised)]
    if len(found) > 1:
        logger.error("Multiple tensors in global_step collection.")
        return None
    if found:
        step = found[0]
    else:
        try:
            step = graph.get_tensor_by_name("global_step:0")
        except KeyError:
            return None
    assert_global_step(step)
    return step


api = edited(get_global_step)
