"""A MultiOptimizer adds 1 to its own counter for each sub-optimizer it dispatches to, so a call that trains variables of two sub-optimizers counts 2."""
from impls.mutants import text_edited

KILLED_BY = {"IT-MULTI-COUNTS-EACH": "fail"}

api = text_edited("keras", """                optimizer.apply([grads[j] for j in mine], [variables[j] for j in mine])
        self._iterations.assign_add(1)""", """                optimizer.apply([grads[j] for j in mine], [variables[j] for j in mine])
                self._iterations.assign_add(1)""")
