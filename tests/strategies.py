"""Shared Hypothesis strategies and the data tables the tests draw from (import as ``gst``)."""

from __future__ import annotations

from hypothesis import strategies as st

#: How many graphs a test juggles at once.
graph_counts = st.integers(min_value=2, max_value=4)
#: How many times a function is called again after the first call.
call_counts = st.integers(min_value=1, max_value=6)
#: How many times a train op is run.
run_counts = st.integers(min_value=0, max_value=6)
#: How many variables one train op updates.
variable_counts = st.integers(min_value=1, max_value=4)
#: A scope name TensorFlow accepts (letters first; digits, underscores after).
scope_names = st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True)
#: One to three nested scopes.
scope_paths = st.lists(scope_names, min_size=1, max_size=3)
#: A value to feed the model's input: never zero, so the gradient is never zero.
nonzero_feeds = st.floats(min_value=0.5, max_value=8.0, width=32) | st.floats(min_value=-8.0, max_value=-0.5, width=32)
#: Initial values of the trained variables.
initial_values = st.floats(min_value=-4.0, max_value=4.0, width=32)
#: A mix of the three ways to obtain the step, as a call sequence (the first call creates).
lookups = st.lists(st.sampled_from(["get_or_create_global_step", "get_global_step"]), min_size=1, max_size=6)

#: Integer dtypes the contract accepts for a user-made step (TensorFlow names).
INTEGER_DTYPES = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")
#: Non-integer dtypes it rejects.
NON_INTEGER_DTYPES = ("float16", "float32", "float64", "bool")
#: The two ways to create a step in a fresh graph.
CREATORS = ("get_or_create_global_step", "create_global_step")

#: Every tf.compat.v1.train optimizer that builds in a plain graph, with constructor arguments.
#: SyncReplicasOptimizer is left out: it needs queue runners and a chief worker, and a plain
#: Session.run of its train op blocks forever (measured on TF 2.21).
OPTIMIZERS = {
    "GradientDescentOptimizer": {"learning_rate": 0.1},
    "MomentumOptimizer": {"learning_rate": 0.1, "momentum": 0.9},
    "AdamOptimizer": {"learning_rate": 0.1},
    "AdagradOptimizer": {"learning_rate": 0.1},
    "RMSPropOptimizer": {"learning_rate": 0.1},
    "AdadeltaOptimizer": {"learning_rate": 1.0},
    "FtrlOptimizer": {"learning_rate": 0.1},
    "ProximalGradientDescentOptimizer": {"learning_rate": 0.1},
    "ProximalAdagradOptimizer": {"learning_rate": 0.1},
    "AdagradDAOptimizer": {"learning_rate": 0.1},  # also takes the step itself: see scenarios.make_optimizer
}
#: Optimizers every backend must have; the others are checked where the backend provides them.
REQUIRED_OPTIMIZERS = ("GradientDescentOptimizer",)
#: Optimizers whose constructor takes the global step.
TAKES_STEP = ("AdagradDAOptimizer",)
#: Initial values of one train op's variables (one to four of them).
initial_values_lists = st.lists(initial_values, min_size=1, max_size=4)
