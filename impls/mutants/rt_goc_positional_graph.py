"""get_or_create_global_step is a *args/**kwargs compat wrapper that reads graph= only as a keyword: a positional graph is ignored."""
from impls.mutants import edited

KILLED_BY = {"GS-GRAPH-ARG": "fail"}


def get_or_create_global_step(*args, **kwargs):
    """The step of ``graph``, created on first use (GS-IDEM-*, GS-GRAPH-*)."""
    graph = kwargs.get("graph") or get_default_graph()  # DEFECT: get_or_create_global_step(g) drops g
    step = get_global_step(graph)
    return step if step is not None else create_global_step(graph)


api = edited(get_or_create_global_step)
