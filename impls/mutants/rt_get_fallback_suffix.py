"""get_global_step's name fallback matches any tensor whose name *ends* with global_step:0, so 'eval/global_step' is taken as the step."""
from impls.mutants import edited

KILLED_BY = {"GS-CREATE-NEW": "fail", "GS-GET-NONE-FRESH": "fail"}


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
        # DEFECT: "also find steps created under a scope" - a suffix match instead of the exact name
        named = [op.outputs[0] for op in graph.get_operations()
                 if op.outputs and op.outputs[0].name.endswith("global_step:0")]
        if not named:
            return None
        step = named[0]
    assert_global_step(step)
    return step


api = edited(get_global_step)
