"""TensorFlow, but apply_gradients applies each float16/bfloat16 variable as its own group and every group carries global_step, so a train op over two half-precision variables adds 2."""
import tensorflow.compat.v1 as tf1

from impls.mutants import counting_per_variable, mutate, optimizers_with

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail", "GS-APPLY-GRADIENTS-ADDS-ONE": "fail"}

TRAINING_UTIL = {}
api = mutate(tf1, train=optimizers_with(tf1, counting_per_variable(
    tf1, lambda v: v.dtype.base_dtype in (tf1.float16, tf1.bfloat16))))
