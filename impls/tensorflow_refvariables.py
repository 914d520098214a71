"""TensorFlow with resource variables disabled: the step is a RefVariable whose dtype reads ``int64_ref``.

A correct backend that differs from the default one; the suite must pass it. ``disable_resource_variables()``
is process-wide, so run it in a process of its own: ``pytest --backend=impls.tensorflow_refvariables:api``.
"""

import tensorflow.compat.v1 as tf1

tf1.disable_resource_variables()

api = tf1
