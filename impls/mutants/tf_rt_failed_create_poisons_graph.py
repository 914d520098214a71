"""TensorFlow, but create_global_step is made thread-safe by claiming the graph (under a lock) before building the variable, and a creation that fails (e.g. inside variable_scope(reuse=True)) never releases the claim: every later create/get_or_create in that graph raises '"global_step" already exists.' although it has no step."""
import threading
import weakref

import tensorflow.compat.v1 as tf1

from impls.mutants import creating, mutate

KILLED_BY = {"GS-CREATE-NEW": "crash"}

_lock = threading.Lock()
_claimed = weakref.WeakKeyDictionary()


def create_global_step(graph=None):
    graph = graph or tf1.get_default_graph()
    with _lock:
        if graph in _claimed or tf1.train.get_global_step(graph) is not None:
            raise ValueError('"global_step" already exists.')
        _claimed[graph] = True
    return tf1.train.create_global_step(graph)  # the slow part, outside the lock


TRAINING_UTIL = creating(tf1, create_global_step)
api = mutate(tf1, train=TRAINING_UTIL)
