"""get_or_create_global_step takes graph only by keyword: get_or_create_global_step(g) raises TypeError."""

from impls.mutants import edited

KILLED_BY = {
    "GS-CREATE-FRESH-NAME": "crash",
    "GS-GRAPH-ARG": "crash",
    "GS-IDEM-NO-GROWTH": "crash",
    "GS-IDEM-SAME-OBJECT": "crash",
}


def get_or_create_global_step(*, graph=None):
    graph = graph or get_default_graph()
    step = get_global_step(graph)
    return step if step is not None else create_global_step(graph)


api = edited(get_or_create_global_step)
