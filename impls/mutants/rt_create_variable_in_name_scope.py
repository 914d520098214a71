"""create_global_step builds the step with tf.Variable and without name_scope(None), so an enclosing name_scope prefixes its name."""
from impls.mutants import edited

KILLED_BY = {"GS-CREATE-FRESH-NAME-SCOPE": "fail"}


def create_global_step(graph=None):
    """Create the step in ``graph``: int64 scalar, zero, not trainable (GS-CREATE-*)."""
    graph = graph or get_default_graph()
    if get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default():  # DEFECT: no graph.name_scope(None), and a plain Variable takes the name scope
        return Variable(0, dtype=dtypes.int64, trainable=False, name=GraphKeys.GLOBAL_STEP,
                        collections=[GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP])


api = edited(create_global_step)
