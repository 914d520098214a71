"""get_or_create_global_step(graph=g) adds the step it finds to GLOBAL_VARIABLES again."""

from impls.mutants import edited

KILLED_BY = {"GS-IDEM-NO-GROWTH": "fail"}


def get_or_create_global_step(graph=None):
    explicit, graph = graph is not None, graph or get_default_graph()
    step = get_global_step(graph)
    if step is not None and explicit:
        graph.add_to_collection(GraphKeys.GLOBAL_VARIABLES, step)  # the defect: "make sure it is registered"
    return step if step is not None else create_global_step(graph)


api = edited(get_or_create_global_step)
