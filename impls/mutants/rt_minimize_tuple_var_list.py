"""compute_gradients treats a var_list that is not a list (a tuple, which the docs allow) like a missing one and trains every trainable variable."""
from impls.mutants import edited

KILLED_BY = {"GS-APPLY-ONLY-VAR-LIST": "fail"}


def compute_gradients(self, loss, var_list=None, gate_gradients=1, aggregation_method=None,
                      colocate_gradients_with_ops=False, grad_loss=None):
    """``[(gradient or None, variable)]`` for ``var_list`` (default: the loss graph's TRAINABLE_VARIABLES)."""
    if not isinstance(var_list, list):  # None (or anything that is not a list of variables): the default
        var_list = loss.graph.get_collection(GraphKeys.TRAINABLE_VARIABLES)
    var_list = list(var_list)
    if not var_list:
        raise ValueError("No variables to optimize.")
    return list(zip(gradients(loss, var_list), var_list, strict=True))


api = edited(compute_gradients, method_of="Optimizer")
