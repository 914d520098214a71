"""TensorFlow, but global_variables_initializer initialises the global step only if it is not initialised yet (a Supervisor-style "keep the count" rule), so re-running the initializer no longer resets a trained step to 0."""
import tensorflow.compat.v1 as tf1
from tensorflow.python.ops import variables

from impls.mutants import mutate

KILLED_BY = {"GS-CREATE-FRESH-ZERO": "fail"}


def global_variables_initializer():
    graph = tf1.get_default_graph()
    steps = graph.get_collection(tf1.GraphKeys.GLOBAL_STEP)
    step_ids = {id(s) for s in steps}
    others = [v for v in graph.get_collection(tf1.GraphKeys.GLOBAL_VARIABLES) if id(v) not in step_ids]
    ops = [tf1.variables_initializer(others)]
    for step in steps:
        if not isinstance(step, variables.Variable):
            continue
        def initialise(step=step):
            with tf1.control_dependencies([tf1.assign(step, step.initial_value)]):
                return tf1.constant(True)

        ops.append(tf1.cond(tf1.is_variable_initialized(step), lambda: tf1.constant(False), initialise))
    return tf1.group(*ops, name="init")


#: No training_util function changes, so TensorFlow's own training_util_test cannot see it.
TRAINING_UTIL = {}
api = mutate(tf1, global_variables_initializer=global_variables_initializer)
