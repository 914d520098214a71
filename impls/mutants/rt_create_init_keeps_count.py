"""The step's initializer only assigns 0 when the step is uninitialised ("don't lose progress on re-init"), so re-running global_variables_initializer() after training leaves the count."""
from impls.mutants import edited

KILLED_BY = {"GS-CREATE-FRESH-ZERO": "fail"}


def create_global_step(graph=None):
    """Create the step in ``graph``: int64 scalar, zero, not trainable (GS-CREATE-*).

    It escapes any name scope so it is always found by name, and raises ValueError if the graph has a step. Its
    initializer is "initialize if uninitialized", so re-running the init op does not lose the training progress.
    """
    graph = graph or get_default_graph()
    if get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default(), graph.name_scope(None):
        step = get_variable(
            GraphKeys.GLOBAL_STEP, shape=[], dtype=dtypes.int64, initializer=zeros_initializer(),
            trainable=False, collections=[GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP],
        )
        assign_zero = step.initializer.compute

        def initialize_if_uninitialized(session, values):
            try:
                return session._read(step)
            except Exception:  # FailedPreconditionError: not initialised yet
                return assign_zero(session, values)

        step.initializer.compute = initialize_if_uninitialized
        return step


api = edited(create_global_step)
