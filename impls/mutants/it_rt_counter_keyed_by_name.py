"""The counter comes from a name-keyed store of live variables (v1 get_variable reuse on the path 'sgd/iteration', weak-valued so names free up), so two live optimizers with the same default name share one `iterations`; differently named ones stay independent."""
from impls.mutants import counter_edited

KILLED_BY = {"IT-INSTANCES-INDEPENDENT": "fail"}


def _make_counter(self):
    import weakref

    store = globals().setdefault("_VARIABLE_STORE", weakref.WeakValueDictionary())
    path = f"{self.name}/iteration"
    counter = store.get(path)
    if counter is None:
        counter = store[path] = Variable(0, dtype="int64", trainable=False, name=path)
    return counter


api = counter_edited(_make_counter, method_of="Optimizer")
