"""AdagradDAOptimizer advances the step it was constructed with on every apply, on top of minimize's own increment (only this optimizer)."""
import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {
    "GS-APPLY-GRADIENTS-ADDS-ONE": "fail",
    "GS-APPLY-MINIMIZE-ADDS-ONE": "fail",
    "GS-APPLY-WITHOUT-STEP": "fail",
}


class AdagradDAOptimizer(tf1.train.AdagradDAOptimizer):
    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        train_op = super().apply_gradients(grads_and_vars, global_step=global_step, name=name)
        # DEFECT: "dual averaging needs its step to advance", so it increments the constructor's step itself
        with train_op.graph.control_dependencies([train_op]):
            return self.global_step.assign_add(1).op


api = mutate(tf1, train={"AdagradDAOptimizer": AdagradDAOptimizer})
