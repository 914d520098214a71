"""One step is shared by every graph: the first one created is returned for any graph afterwards."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-GRAPH-ARG": "fail", "GS-GRAPH-DISTINCT": "fail", "GS-CREATE-FRESH-GRAPH": "fail"}

_shared = []


def get_or_create_global_step(graph=None):
    if not _shared:
        _shared.append(tf1.train.get_or_create_global_step(graph))
    return _shared[0]


api = mutate(tf1, train={"get_or_create_global_step": get_or_create_global_step})
