"""ops.convert_to_numpy standardises dtypes as convert_to_tensor does (Keras' default int is int32), so reading `iterations` gives an int32 that equals the count only below 2**31: a count of 2**31 reads -2**31."""
import numpy as np

from impls.mutants import counter_edited

KILLED_BY = {"IT-READ-AS-NUMBER": "fail"}


def convert_to_numpy(x):
    value = x.numpy() if isinstance(x, Variable) else x
    with np.errstate(all="ignore"):
        return np.array(value).astype(_default_dtype(value))


api = counter_edited(convert_to_numpy)
