"""A `GradientTape` watches only the variables that existed when it was opened, so the page's example, which makes its variable inside the tape, gets no gradient."""
from impls.mutants import tf2_edited

KILLED_BY = {"TF2-EXAMPLE-MIGRATED": "crash"}


def read_value(self):
    for tape in _TAPES:
        if self.trainable and getattr(self, "_born", 0) < tape._opened:
            tape.watch(self)
    return Tensor(self.numpy(), variable=self)


def _ages():
    import itertools

    clock = itertools.count()
    original_init, original_enter = Variable.__init__, GradientTape.__enter__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self._born = next(clock)

    def enter(self):
        self._opened = next(clock)
        return original_enter(self)

    Variable.__init__, GradientTape.__enter__ = init, enter


api = tf2_edited(read_value, method_of="Variable")
Variable, GradientTape, Tensor, _TAPES = api.Variable, api.GradientTape, api.Tensor, api._TAPES
_ages()
