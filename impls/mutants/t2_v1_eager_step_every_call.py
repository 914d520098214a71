"""Run eagerly, tf.compat.v1.train.get_or_create_global_step() makes a new step on every call (nothing remembers the first), as its `graph=` path does in TensorFlow 2.21."""
from impls.mutants import text_edited

KILLED_BY = {"TF2-V1-STEP-EAGER": "fail"}

api = text_edited("tf2", "step = _EAGER.step = Variable(0,", "step = Variable(0,")
