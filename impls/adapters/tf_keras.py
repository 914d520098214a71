"""Legacy Keras 2 (``tf_keras``, what ``tf.keras`` is with TF_USE_LEGACY_KERAS=1) as a counter and a tf2 backend.

Built-in name ``tf-keras``. The counter surface wants Keras 3's names; tf_keras has ``optimizers`` (with
``iterations``, ``build``, ``apply_gradients``, ``save_own_variables``, ``load_own_variables`` and
``schedules``) but no ``Variable`` or ``ops``, so those come from TensorFlow, which is what tf_keras runs on.
``tf`` is TensorFlow itself with ``tf.keras`` resolving to tf_keras (the tf2 surface: the page's migrated
example on legacy Keras). Install tf-keras with ``--no-deps`` next to the matching TensorFlow, or it pulls in
``tensorflow`` over ``tensorflow-cpu``.
"""

import os
from types import SimpleNamespace

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # read when tf.keras is first resolved: before anything touches it

import numpy as np
import tensorflow as tf
import tf_keras

__version__ = tf_keras.__version__
optimizers = tf_keras.optimizers
Variable = tf.Variable
ops = SimpleNamespace(convert_to_tensor=tf.convert_to_tensor, convert_to_numpy=lambda x: np.asarray(x))
