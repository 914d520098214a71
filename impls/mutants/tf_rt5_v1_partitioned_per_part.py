"""TensorFlow, but apply_gradients counts each part of a partitioned variable (get_variable(partitioner=fixed_size_partitioner(2))) as a step of its own, so a run over a variable in two parts adds 2."""
import tensorflow.compat.v1 as tf1

from impls.mutants import counting_per_variable, mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}

TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, counting_per_variable(
    tf1, lambda v: getattr(v, "_save_slice_info", None) is not None)))
