"""Sessions on the same graph share one variable store (as if every Session talked to one server), so a second session's init resets the first's step."""
import weakref

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-HELPER-READS-VALUE": "fail"}

_STORES = weakref.WeakKeyDictionary()  # graph -> {id(variable): value}


class Session(tf1.Session):
    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)
        self._variables = _STORES.setdefault(self.graph, {})  # DEFECT: per graph, not per session


api = mutate(tf1, Session=Session)
