"""tiny-global-step: a third-party implementation of the v1 global-step functions (the CI-gate example).

It brings its own ``train.get_or_create_global_step`` and family on top of a graph library. The graph library
here is the suite's pure-Python mini-TensorFlow (``impls.reference``), standing in for a real one, so that the
example runs in seconds. Like TensorFlow, its ``assert_global_step`` lets a shape of unknown size such as
``[None]`` pass: a known divergence, recorded in ``conformance-divergences.toml``.
"""

from types import SimpleNamespace

__version__ = "0.1.0"


def _graphs():
    import impls.reference  # imported late: the suite's checkout is on the path when the gate runs

    return impls.reference


def get_global_step(graph=None):
    tf = _graphs()
    graph = graph or tf.get_default_graph()
    found = graph.get_collection(tf.GraphKeys.GLOBAL_STEP)
    if len(found) > 1:
        return None
    if not found:
        try:
            found = [graph.get_tensor_by_name("global_step:0")]
        except KeyError:
            return None
    assert_global_step(found[0])
    return found[0]


def create_global_step(graph=None):
    tf = _graphs()
    graph = graph or tf.get_default_graph()
    if get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default(), graph.name_scope(None):
        return tf.get_variable("global_step", shape=[], dtype=tf.int64, initializer=tf.zeros_initializer(),
                               trainable=False, collections=[tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.GLOBAL_STEP])


def get_or_create_global_step(graph=None):
    graph = graph or _graphs().get_default_graph()
    step = get_global_step(graph)
    return step if step is not None else create_global_step(graph)


def assert_global_step(global_step_tensor):
    tf = _graphs()
    if not isinstance(global_step_tensor, tf.Tensor):
        raise TypeError(f'Existing "global_step" must be a Variable or Tensor: {global_step_tensor}.')
    if not global_step_tensor.dtype.base_dtype.is_integer:
        raise TypeError(f'Existing "global_step" does not have integer type: {global_step_tensor.dtype}')
    shape = global_step_tensor.get_shape()
    if shape.ndims != 0 and shape.is_fully_defined():  # TensorFlow's rule: [None] passes (a known divergence)
        raise TypeError(f'Existing "global_step" is not scalar: {shape}')


def global_step(sess, global_step_tensor):
    return int(sess.run(global_step_tensor))


class _Api:
    """The tf.compat.v1-like object the suite tests: the graph library (its optimizers, sessions and meta graphs),
    with this package's train functions."""

    def __getattr__(self, name):
        if name == "train":
            ours = {f.__name__: f for f in (get_global_step, create_global_step, get_or_create_global_step,
                                           assert_global_step, global_step)}
            library = _graphs().train
            return SimpleNamespace(**{n: getattr(library, n) for n in dir(library)
                                      if n.endswith(("Optimizer", "Session", "_meta_graph"))}, **ours)
        if name == "__version__":
            return __version__
        return getattr(_graphs(), name)


api = _Api()
