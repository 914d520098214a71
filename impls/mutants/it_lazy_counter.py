"""`iterations` is created at the first apply: until then each read makes a fresh zero Variable (legacy Keras 2 made it on first read, once)."""
from impls.mutants import counter_edited

KILLED_BY = {"IT-IDEM-SAME-OBJECT": "fail"}


def iterations(self):
    if not self.built:
        return Variable(0, dtype="int64", trainable=False, name=f"{self.name}/iteration")
    return self._iterations


api = counter_edited(iterations, method_of="Optimizer")  # still a property
