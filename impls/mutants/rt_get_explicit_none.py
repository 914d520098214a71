"""get_global_step uses a private sentinel as its default, so an explicit graph=None (as wrappers forward it) crashes."""
from impls.mutants import edited

KILLED_BY = {"GS-GET-FINDS-STEP": "crash"}

_UNSET = object()


def get_global_step(graph=_UNSET):
    """The step of ``graph`` (default: the default graph), or None (GS-GET-*)."""
    if graph is _UNSET:  # DEFECT: only a *missing* graph means the default graph; graph=None is not handled
        graph = get_default_graph()
    found = graph.get_collection(GraphKeys.GLOBAL_STEP)
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


api = edited(get_global_step, imports={"_UNSET": _UNSET})
