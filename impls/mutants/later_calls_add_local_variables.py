"""Every get_or_create_global_step that finds the step appends it to LOCAL_VARIABLES."""

from impls.mutants import edited

KILLED_BY = {"GS-IDEM-NO-GROWTH": "fail"}


def get_or_create_global_step(graph=None):
    graph = graph or get_default_graph()
    step = get_global_step(graph)
    if step is not None:
        graph.add_to_collection(GraphKeys.LOCAL_VARIABLES, step)  # the defect
    return step if step is not None else create_global_step(graph)


api = edited(get_or_create_global_step)
