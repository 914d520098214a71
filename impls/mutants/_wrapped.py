"""The kit of the ``tf_rt5_*`` mutants: real TensorFlow 2 (tf2 surface) and Keras 3 (counter surface) with one class
or function replaced, the way ``mutate`` and ``optimizers_with`` do it for ``tensorflow.compat.v1``.

- ``subclass(cls, mixin)``: ``cls`` with ``mixin`` in front, under ``cls``'s name; when the mixin has an ``__init__``,
  the constructor still shows ``cls``'s signature (the counter tests read it to know which options an optimizer
  takes).
- ``keras_optimizers_with(module, mixin)``: every optimizer class of ``module`` (``keras.optimizers`` or
  ``tf.keras.optimizers``) but the wrappers of other optimizers, with ``mixin`` in front.
- ``counter(**optimizers)``: Keras 3 with those ``optimizers.<Name>`` replaced.
- ``tf2(optimizers=None, **names)``: TensorFlow 2 with ``names`` (``train=`` as ``mutate`` takes it) and those
  ``keras.optimizers.<Name>`` replaced.
- ``function_made_by(make)``: a ``tf.function`` whose functions are ``make(func, **options)``.
- ``Wrapped``: a tf.function behind a wrapper whose call a mutant changes.
- ``variables_made_as(cls)``: a ``tf.Variable`` whose resource variables are instances of ``cls`` (a subclass of
  ``ResourceVariable`` that changes one method), still named ``ResourceVariable``.
- ``ChoosesIterations``: a Keras optimizer mixin that picks the variable that becomes ``iterations``.
- ``method_edited(cls, name, *(old, new))``: ``cls.<name>`` compiled again from its source with text edits, as if
  edited in place (an edit whose old text no longer occurs once fails at import, naming it).
"""

from __future__ import annotations

import functools
import weakref

import keras
import tensorflow as tf

from impls.mutants import Mutated, mutate

#: Optimizers that wrap another one and leave the work to it: a mixin on the wrapped optimizer is enough.
WRAPPERS = ("LossScaleOptimizer", "MultiOptimizer")


def subclass(cls: type, mixin: type) -> type:
    """``cls`` with ``mixin`` in front, named like ``cls``; a mixin's ``__init__`` keeps ``cls``'s signature."""
    members = {"__module__": cls.__module__, "__qualname__": cls.__qualname__}
    if mixin.__init__ is not object.__init__:
        @functools.wraps(cls.__init__)
        def init(self, *args, **kwargs):
            mixin.__init__(self, *args, **kwargs)

        members["__init__"] = init
    return type(cls)(cls.__name__, (mixin, cls), members)


def keras_optimizers_with(module, mixin: type) -> dict:
    """Replacements for ``module`` (a Keras ``optimizers``): every optimizer class but ``Optimizer`` and the
    wrappers, with ``mixin`` in front."""
    classes = {name: getattr(module, name) for name in dir(module)}
    return {name: subclass(cls, mixin) for name, cls in classes.items()
            if isinstance(cls, type) and issubclass(cls, module.Optimizer) and name not in ("Optimizer", *WRAPPERS)}


def counter(**optimizers) -> Mutated:
    """Keras 3 (the counter surface) with ``optimizers.<Name>`` replaced by ``optimizers``."""
    return mutate(keras, optimizers=mutate(keras.optimizers, **optimizers))


def tf2(optimizers: dict | None = None, **names) -> Mutated:
    """TensorFlow 2 (the tf2 surface) with ``names`` and ``keras.optimizers.<Name>`` (``optimizers``) replaced."""
    if optimizers:
        names["keras"] = mutate(tf.keras, optimizers=mutate(tf.keras.optimizers, **optimizers))
    return mutate(tf, **names)


def function_made_by(make):
    """``tf.function`` (its signature; with or without options as a decorator) whose functions are
    ``make(func, **options)``."""

    @functools.wraps(tf.function)
    def function(func=None, **options):
        if func is None:
            return lambda func: function(func, **options)
        return make(func, **options)

    return function


def variables_made_as(cls: type):
    """``tf.Variable`` (a function of its arguments) whose ResourceVariables are made instances of ``cls``, a
    subclass of ResourceVariable that changes one method; ``cls`` keeps ResourceVariable's name."""
    from tensorflow.python.ops import resource_variable_ops

    cls.__name__ = cls.__qualname__ = "ResourceVariable"

    def Variable(*args, **kwargs):  # noqa: N802 (tf.Variable's name)
        variable = tf.Variable(*args, **kwargs)
        if type(variable) is resource_variable_ops.ResourceVariable:
            variable.__class__ = cls
        return variable

    return Variable


class Wrapped:
    """The tf.function ``fn``, made from the Python function ``func``, behind a wrapper whose ``__call__`` a mutant
    changes; its other attributes are ``fn``'s, and as a method it is one wrapper per instance, bound like ``fn``."""

    def __init__(self, fn, func):
        self._fn, self._func = fn, func
        self._per_instance = weakref.WeakKeyDictionary()

    def __call__(self, *args, **kwargs):
        return self._fn(*args, **kwargs)

    def __get__(self, instance, owner):
        if instance is None:
            return self
        if instance not in self._per_instance:
            self._per_instance[instance] = type(self)(self._fn.__get__(instance, owner),
                                                      functools.partial(self._func, instance))
        return self._per_instance[instance]

    def __getattr__(self, name):
        return getattr(self._fn, name)


class ChoosesIterations:
    """A Keras optimizer mixin: when the base constructor creates the ``iterations`` variable,
    ``choose_iterations(created)`` says which variable the optimizer keeps as its count."""

    def choose_iterations(self, created):
        return created

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.__dict__.pop("_chosen_iterations", None)
        if chosen is not None:
            self._iterations = chosen

    def _track_variable(self, variable):
        if not hasattr(self, "_iterations") and getattr(variable, "name", None) == "iteration":
            chosen = self.choose_iterations(variable)
            if chosen is not variable:
                self.__dict__["_chosen_iterations"] = variable = chosen
        return super()._track_variable(variable)


def method_edited(cls: type, name: str, *edits: tuple[str, str]):
    """``cls.<name>`` (a method of Keras or TensorFlow) compiled again from its source with each ``(old, new)`` edit
    applied, in the globals of the module that defines it: the method as if edited in place there, for a mixin or a
    subclass to use. ``old`` must occur once in the dedented source, so an upgrade that moves the edited text fails
    at import, naming it. The method must not call ``super()`` without arguments."""
    import inspect
    import textwrap

    function = vars(cls)[name]
    source = textwrap.dedent(inspect.getsource(function))
    for old, new in edits:
        if source.count(old) != 1:
            raise ValueError(f"{cls.__qualname__}.{name}: the edit's old text occurs {source.count(old)} times (once "
                             f"is wanted); the library changed under this mutant:\n{old}")
        source = source.replace(old, new)
    namespace = {}
    exec(compile(source, inspect.getsourcefile(function), "exec"), function.__globals__, namespace)
    return namespace[name]
