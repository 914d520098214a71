"""TensorFlow, but minimize only recognises var_list when it is a list; a tuple (documented: "list or tuple") falls back to the default, every trainable variable, so variables outside var_list get trained."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate, optimizers_with

KILLED_BY = {"GS-APPLY-ONLY-VAR-LIST": "fail"}


class ListOnlyVarList:
    def minimize(self, loss, global_step=None, var_list=None, *args, **kwargs):
        if not isinstance(var_list, list):
            var_list = None  # normalisation meant for "not given"; a tuple lands here as well
        return super().minimize(loss, global_step, var_list, *args, **kwargs)


#: No training_util function changes, so TensorFlow's own training_util_test cannot see it.
TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, ListOnlyVarList))
