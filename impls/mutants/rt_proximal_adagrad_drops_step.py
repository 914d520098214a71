"""ProximalAdagradOptimizer overrides apply_gradients (to validate its l1/l2 strengths) and forwards name= but not global_step=, so only this optimizer never moves the step."""
from impls.mutants import edited

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}


def apply_gradients(self, grads_and_vars, global_step=None, name=None):
    """ProximalAdagrad: reject negative regularization strengths before applying."""
    if self.l1 < 0 or self.l2 < 0:
        raise ValueError("l1_regularization_strength and l2_regularization_strength must be >= 0.")
    return Optimizer.apply_gradients(self, grads_and_vars, name=name)


api = edited(apply_gradients, method_of="ProximalAdagradOptimizer")
