"""Running a train op also adds one to the step of every other open session's graph (a process-wide counter)."""

import impls.reference as tf1
from impls.mutants import mutate

_open = []


class Session(tf1.Session):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _open.append(self)

    def run(self, fetches, feed_dict=None):
        result = super().run(fetches, feed_dict)
        ran = fetches if isinstance(fetches, (list, tuple)) else [fetches]
        if any(op in self.graph.get_collection(tf1.GraphKeys.TRAIN_OP) for op in ran):
            for other in _open:
                steps = other.graph.get_collection(tf1.GraphKeys.GLOBAL_STEP)
                if other.graph is not self.graph and not other._closed and steps and id(steps[0]) in other._variables:
                    other._write(steps[0], other._read(steps[0]) + 1)
        return result


KILLED_BY = {"GS-GRAPH-INDEPENDENT": "fail"}
api = mutate(tf1, Session=Session)
