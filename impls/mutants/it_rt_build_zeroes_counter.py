"""build() initialises all optimizer state, zeroing `iterations` along with the new slots, so a count set before the first build (iterations.assign(41), a restored step) is reset to 0 by the first apply; a counter still at 0 is unaffected."""
from impls.mutants import counter_edited

KILLED_BY = {"IT-BUILD-KEEPS-COUNT": "fail"}


def build(self, variables):
    if self.built:
        return
    self._trainable = list(variables)
    self._slots = [slot for variable in self._trainable for slot in self._make_slots(variable)]
    if self.gradient_accumulation_steps:
        self._accumulated = [Variable(np.zeros(v.shape), dtype=v.dtype, trainable=False, name=f"{v.name}/acc")
                             for v in self._trainable]
    if self.use_ema:
        self._averages = [Variable(v.numpy(), dtype=v.dtype, trainable=False, name=f"{v.name}/average")
                          for v in self._trainable]
    self._iterations.assign(0)  # a freshly built optimizer starts training
    self.built = True


api = counter_edited(build, method_of="Optimizer")
