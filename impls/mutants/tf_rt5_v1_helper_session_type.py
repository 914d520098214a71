"""TensorFlow, but global_step(sess, t) runs t in sess only when sess is a tf.compat.v1.Session; any other session (InteractiveSession, MonitoredSession) takes the eager branch int(t.numpy()), which fails on a graph tensor."""
import tensorflow.compat.v1 as tf1

from impls.mutants import mutate

KILLED_BY = {"GS-HELPER-READS-VALUE": "crash"}


def global_step(sess, global_step_tensor):
    if isinstance(sess, tf1.Session):
        return int(sess.run(global_step_tensor))
    return int(global_step_tensor.numpy())  # the defect: "not a Session, so we must be eager"


TRAINING_UTIL = {"global_step": global_step}
api = mutate(tf1, train=TRAINING_UTIL)
