"""A MultiOptimizer keeps its sub-optimizers in step: one that trains no variable (an unused default) still has its counter advanced on every call."""
from impls.mutants import text_edited

KILLED_BY = {"IT-MULTI-COUNTS-EACH": "fail"}

api = text_edited("keras", """                optimizer.apply([grads[j] for j in mine], [variables[j] for j in mine])
""", """                optimizer.apply([grads[j] for j in mine], [variables[j] for j in mine])
            else:
                optimizer.iterations.assign_add(1)
""")
