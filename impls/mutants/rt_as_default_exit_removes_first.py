"""Graph.as_default leaves by removing the graph from the default-graph stack (stack.remove(self), as Session.as_default does) instead of popping it, so re-entering an outer graph inside an inner one corrupts which graph is the default."""

from impls.mutants._clone import clone

KILLED_BY = {"GS-GRAPH-ARG": "fail"}


def as_default(self):
    _stack().append(self)
    try:
        yield self
    finally:
        _stack().remove(self)


api = clone("graph", as_default, method_of="Graph", contextmanager=True)
