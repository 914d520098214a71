"""build() initialises all optimizer state, zeroing `iterations` along with the new slots, so a count set before the first build (iterations.assign(41), a restored step) is reset to 0 by the first apply; a counter still at 0 is unaffected."""
from impls.mutants import counter_edited

KILLED_BY = {"IT-BUILD-KEEPS-COUNT": "fail"}


def build(self, variables):
    if self.built:
        return
    self._make_state(variables)
    self._iterations.assign(0)  # a freshly built optimizer starts training
    self.built = True


api = counter_edited(build, method_of="Optimizer")
