"""get_global_step skips a trainable variable in GLOBAL_STEP, so get_or_create makes a second step."""

from impls.mutants import edited

KILLED_BY = {"GS-GET-USER-STEP": "fail"}


def get_global_step(graph=None):
    graph = graph or get_default_graph()
    found = [s for s in graph.get_collection(GraphKeys.GLOBAL_STEP) if not getattr(s, "trainable", False)]
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
