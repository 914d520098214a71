"""Set-ups for the tf2 surface (group "tf2", TF2-*): TensorFlow 2's own API, as the page's migration uses it.

A tf2 backend is a TensorFlow-2-like namespace, written ``tf`` in reproductions: ``Variable``, ``constant``,
``cast``, ``reduce_sum``, ``function``, ``GradientTape``, ``train.Checkpoint`` and ``keras.optimizers``. Training
steps are written as Python source (``Program.define``), so the reproduction shows the ``@tf.function`` as a user
writes it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from harness import assertions as ah

#: The optimizers the page's first option names ("a Keras optimizer"): every tf2 backend's keras has these three.
OPTIMIZERS = ("SGD", "Adam", "RMSprop")
#: What a training step is fed, one per call: a float scalar, or a vector of a length that forces TensorFlow to
#: trace again (a new shape), each with a Python number argument (a new value also traces again).
INPUTS = st.tuples(st.integers(0, 3), st.integers(1, 3))  # (vector length, 0 for a scalar; Python scale)


@dataclass(frozen=True)
class Counter:
    """How the user makes the counter: ``tf.Variable(<initial>, dtype=<dtype>, trainable=False[, name=...])``."""

    start: int = 0
    initial: str = "int"  # "int": a Python int; "constant": tf.constant(start, dtype=tf.int64)
    dtype: str = "tf.int64"  # or "'int64'": TensorFlow takes a dtype's name too
    name: str | None = "global_step"


counters = st.builds(Counter, initial=st.sampled_from(["int", "constant"]),
                     dtype=st.sampled_from(["tf.int64", "'int64'"]), name=st.none() | st.just("global_step"))


def make_counter(p, counter: Counter = Counter()):
    """``global_step = tf.Variable(start, dtype=tf.int64, trainable=False, name="global_step")``, as ``counter``
    says."""
    initial = str(counter.start) if counter.initial == "int" else f"tf.constant({counter.start}, dtype=tf.int64)"
    name = f", name={counter.name!r}" if counter.name else ""
    return p.eval(f"tf.Variable({initial}, dtype={counter.dtype}, trainable=False{name})", as_="global_step")


def count(p, variable, as_: str = "count") -> int:
    """``int(<variable>.numpy())``: the counter as a plain number."""
    value = p.method(variable, "numpy", as_=as_)
    return int(np.asarray(value))


def assert_count(p, variable, expected: int, as_: str = "count") -> None:
    observed = count(p, variable, as_)
    ah.assert_equal(p, f"int({p.current(as_)})", observed, expected)  # the name this reading got (count_2, ...)


def decorator(compiled: bool, reduce_retracing: bool = False) -> str:
    """The line above a training step: ``@tf.function`` (with an option), or nothing (eager Python)."""
    if not compiled:
        return ""
    return "@tf.function(reduce_retracing=True)\n" if reduce_retracing else "@tf.function\n"


def feed(length: int) -> str:
    """A float input: a scalar for length 0, else a vector of that length."""
    return "tf.constant(2.0)" if length == 0 else f"tf.constant({[1.0] * length})"


@contextlib.contextmanager
def checkpoint_prefix(p):
    """``prefix = os.path.join(tempfile.mkdtemp(), "ckpt")`` in the program; the folder is removed afterwards."""
    prefix = p.define('import os, tempfile\nprefix = os.path.join(tempfile.mkdtemp(), "ckpt")', "prefix")
    try:
        yield prefix
    finally:
        shutil.rmtree(os.path.dirname(prefix), ignore_errors=True)
