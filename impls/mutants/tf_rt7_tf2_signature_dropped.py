"""TensorFlow 2, but tf.function accepts input_signature= and silently drops it, so a call with another dtype or rank retraces and runs instead of being refused with TypeError."""
import tensorflow as tf

from impls.mutants._wrapped import function_made_by, tf2

KILLED_BY = {"TF2-SIGNATURE-REFUSES": "fail"}


def make(func, input_signature=None, **options):
    return tf.function(func, **options)  # the defect: input_signature dropped


TRAINING_UTIL = {}
api = tf2(function=function_made_by(make))
