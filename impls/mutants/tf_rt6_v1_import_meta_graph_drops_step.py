"""TensorFlow, but import_meta_graph restores only the variable collections it knows (GLOBAL_VARIABLES, TRAINABLE_VARIABLES, ...), not GLOBAL_STEP, so in a graph rebuilt from an exported meta graph get_global_step no longer finds the step."""
import functools

import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-GET-IMPORTED-STEP": "crash"}


@functools.wraps(tf1.train.import_meta_graph)
def import_meta_graph(meta_graph_or_file, clear_devices=False, import_scope=None, **kwargs):
    saver = tf1.train.import_meta_graph(meta_graph_or_file, clear_devices=clear_devices, import_scope=import_scope,
                                        **kwargs)
    tf1.get_default_graph().clear_collection(tf1.GraphKeys.GLOBAL_STEP)  # the defect
    return saver


TRAINING_UTIL = {}
api = mutate(tf1, train={"import_meta_graph": import_meta_graph})
