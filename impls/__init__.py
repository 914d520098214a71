"""Backends: implementations of the tf.compat.v1 surface that the suite drives.

- ``impls.reference``: a pure-Python mini-TensorFlow, the model the stateful tests compare against.
- ``tensorflow``: real TensorFlow, loaded as ``tensorflow.compat.v1`` (see harness/backends.py).
"""
