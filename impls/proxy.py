"""Transparent proxies: objects that forward every name to a tf.compat.v1-like module.

This is the shape of a third-party backend: any object with the tf.compat.v1 names works, for example::

    pytest --backend=impls.proxy:tensorflow

It must behave exactly like ``--backend=tensorflow`` (and ``impls.proxy:reference`` like the reference).
"""

import importlib


class Proxy:
    """Forwards attribute access to the module named ``target``, imported on first use."""

    def __init__(self, target: str):
        self._target = target

    def __getattr__(self, name):
        return getattr(importlib.import_module(self._target), name)

    def __repr__(self):
        return f"Proxy({self._target!r})"


tensorflow = Proxy("tensorflow.compat.v1")
reference = Proxy("impls.reference")
