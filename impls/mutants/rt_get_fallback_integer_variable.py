"""When neither GLOBAL_STEP nor the name `global_step:0` gives a step, get_global_step falls back to the one non-trainable integer scalar global variable (a step "restored under another name"), so a user's counter is taken as the step."""
from impls.mutants import edited

KILLED_BY = {"GS-GET-NONE-FRESH": "fail", "GS-CREATE-FRESH-NAME": "fail"}


def get_global_step(graph=None):
    """The step of ``graph`` (default: the default graph), or None (GS-GET-*).

    Found in the GLOBAL_STEP collection, else by the name ``global_step:0``, else (a step restored from a checkpoint
    under another name) as the only non-trainable integer scalar variable of the graph.
    """
    graph = graph or get_default_graph()
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
            counters = [v for v in graph.get_collection(GraphKeys.GLOBAL_VARIABLES)
                        if v.dtype.base_dtype.is_integer and v.get_shape().ndims == 0 and not v.trainable]
            if len(counters) != 1:
                return None
            step = counters[0]
    assert_global_step(step)
    return step


api = edited(get_global_step)
