"""get_global_step tries the name `global_step:0` first (a dict lookup) and the GLOBAL_STEP collection second, so any integer scalar tensor named global_step shadows the registered step."""
from impls.mutants import edited

KILLED_BY = {"GS-GET-USER-STEP": "fail"}


def get_global_step(graph=None):
    """The step of ``graph`` (default: the default graph), or None (GS-GET-*).

    Found by the name ``global_step:0`` (cheap), else in the GLOBAL_STEP collection; with several collection
    entries there is no single step, so None. Whatever is found must pass ``assert_global_step``.
    """
    graph = graph or get_default_graph()
    try:
        step = graph.get_tensor_by_name("global_step:0")
    except KeyError:
        found = graph.get_collection(GraphKeys.GLOBAL_STEP)
        if len(found) > 1:
            logger.error("Multiple tensors in global_step collection.")
            return None
        if not found:
            return None
        step = found[0]
    assert_global_step(step)
    return step


api = edited(get_global_step)
