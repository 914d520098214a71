"""compute_gradients caches the default var_list (trainable variables) on the optimizer's first use, so variables created later are never trained by it."""
from impls.mutants import edited

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "crash", "GS-APPLY-ZERO-GRADIENT": "crash"}


def compute_gradients(self, loss, var_list=None, gate_gradients=1, aggregation_method=None,
                      colocate_gradients_with_ops=False, grad_loss=None):
    """``[(gradient or None, variable)]`` for ``var_list`` (default: the loss graph's TRAINABLE_VARIABLES)."""
    if var_list is None:
        if getattr(self, "_default_var_list", None) is None:  # DEFECT: Keras-style "built once with its variables"
            self._default_var_list = loss.graph.get_collection(GraphKeys.TRAINABLE_VARIABLES)
        var_list = self._default_var_list
    var_list = list(var_list)
    if not var_list:
        raise ValueError("No variables to optimize.")
    return list(zip(gradients(loss, var_list), var_list, strict=True))


api = edited(compute_gradients, method_of="Optimizer")
