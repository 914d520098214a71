"""get_or_create_global_step(graph=g) builds a read of the step on every call that finds it."""

from impls.mutants import edited

KILLED_BY = {"GS-IDEM-NO-GROWTH": "fail"}


def get_or_create_global_step(graph=None):
    explicit, graph = graph is not None, graph or get_default_graph()
    step = get_global_step(graph)
    if step is not None and explicit:
        step.read_value()  # the defect: a "cheap" read op, added to the graph each time
    return step if step is not None else create_global_step(graph)


api = edited(get_or_create_global_step)
