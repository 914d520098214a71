"""get_global_step remembers graphs where the slow `global_step:0` name lookup missed and never retries it, so a step named later is not found."""
import weakref

from impls.mutants import edited

KILLED_BY = {"GS-GET-NAME-FALLBACK": "fail"}


def get_global_step(graph=None):
    """The step of ``graph`` (default: the default graph), or None (GS-GET-*).

    Found in the GLOBAL_STEP collection, else by the name ``global_step:0``. The name lookup is the slow path (a
    KeyError every time in a graph without a step), so graphs where it missed are remembered and skipped.
    """
    graph = graph or get_default_graph()
    found = graph.get_collection(GraphKeys.GLOBAL_STEP)
    if len(found) > 1:
        logger.error("Multiple tensors in global_step collection.")
        return None
    if found:
        step = found[0]
    else:
        if graph in _NAME_MISSES:
            return None
        try:
            step = graph.get_tensor_by_name("global_step:0")
        except KeyError:
            _NAME_MISSES.add(graph)
            return None
    assert_global_step(step)
    return step


api = edited(get_global_step, imports={"_NAME_MISSES": weakref.WeakSet()})
