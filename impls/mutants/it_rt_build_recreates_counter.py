"""build() creates the optimizer's variables under its name scope, `iterations` included (seeded with the provisional counter's value), so the object read before the first build/apply is not the one read after; the count itself stays right."""
from impls.mutants import counter_edited

KILLED_BY = {"IT-IDEM-SAME-OBJECT": "fail"}


def build(self, variables):
    if self.built:
        return
    self._iterations = Variable(self._iterations.numpy(), dtype="int64", trainable=False,
                                name=f"{self.name}/iteration")
    self._make_state(variables)
    self.built = True


api = counter_edited(build, method_of="Optimizer")
