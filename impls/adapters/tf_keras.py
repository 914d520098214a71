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
__implementation__ = "tf_keras"  # spec/divergences/tf_keras.toml
# tf_keras keeps LossScaleOptimizer in mixed_precision; Keras 3 has it in optimizers.
optimizers = SimpleNamespace(**{name: getattr(tf_keras.optimizers, name) for name in dir(tf_keras.optimizers)
                                if not name.startswith("_")},
                             LossScaleOptimizer=tf_keras.mixed_precision.LossScaleOptimizer)
_AGGREGATIONS = {"none": tf.VariableAggregation.NONE, "mean": tf.VariableAggregation.MEAN,
                 "sum": tf.VariableAggregation.SUM, "only_first_replica": tf.VariableAggregation.ONLY_FIRST_REPLICA}
_SYNCHRONIZATIONS = {"auto": tf.VariableSynchronization.AUTO, "none": tf.VariableSynchronization.NONE,
                     "on_write": tf.VariableSynchronization.ON_WRITE, "on_read": tf.VariableSynchronization.ON_READ}


def Variable(initializer, shape=None, dtype=None, trainable=True, autocast=True, aggregation="none",  # noqa: N802
             synchronization="auto", name=None):
    """Keras 3's ``Variable`` signature over ``tf.Variable`` (tf_keras has none): an initializer name with ``shape``,
    and Keras's strings for aggregation and synchronization; ``autocast`` is what tf.Variable always does."""
    if isinstance(initializer, str):
        initializer = {"zeros": tf.zeros, "ones": tf.ones}[initializer](shape, dtype=dtype or "float32")
    return tf.Variable(initializer, dtype=dtype, trainable=trainable, name=name,
                       aggregation=_AGGREGATIONS[aggregation], synchronization=_SYNCHRONIZATIONS[synchronization])


ops = SimpleNamespace(convert_to_tensor=tf.convert_to_tensor, convert_to_numpy=lambda x: np.asarray(x))
