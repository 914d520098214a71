"""Data types: the few TensorFlow dtypes the suite uses, each backed by a numpy dtype."""

from __future__ import annotations

import numpy as np


class DType:
    """A tensor element type. ``base_dtype`` is itself: the reference has no ``_ref`` dtypes."""

    def __init__(self, name: str, numpy_dtype):
        self.name = name
        self.as_numpy_dtype = np.dtype(numpy_dtype).type
        self.is_integer = np.issubdtype(numpy_dtype, np.integer)
        self.is_floating = np.issubdtype(numpy_dtype, np.floating)

    @property
    def base_dtype(self) -> DType:
        return self

    def __repr__(self) -> str:
        return f"tf.{self.name}"


int8, int16, int32, int64 = (DType(f"int{bits}", f"int{bits}") for bits in (8, 16, 32, 64))
uint8, uint16, uint32, uint64 = (DType(f"uint{bits}", f"uint{bits}") for bits in (8, 16, 32, 64))
float16, float32, float64 = (DType(f"float{bits}", f"float{bits}") for bits in (16, 32, 64))
bool = DType("bool", np.bool_)

_ALL = (int8, int16, int32, int64, uint8, uint16, uint32, uint64, float16, float32, float64, bool)


def as_dtype(value) -> DType:
    """The DType for a DType, a numpy dtype or the dtype of a Python value."""
    if isinstance(value, DType):
        return value
    numpy_type = np.dtype(value).type
    for dtype in _ALL:
        if dtype.as_numpy_dtype is numpy_type:
            return dtype
    raise TypeError(f"unsupported dtype {value!r}")


def infer(value) -> DType:
    """The dtype TensorFlow gives a Python literal: int32 for ints, float32 for floats."""
    array = np.asarray(value)
    if array.dtype.kind in "iu":
        return int32
    if array.dtype.kind == "f":
        return float32
    return as_dtype(array.dtype)
