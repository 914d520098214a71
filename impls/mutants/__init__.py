"""Deliberately broken backends: each breaks one sentence of the contract, the way a real implementation did.

A mutant is a module with a one-line docstring saying what it breaks, ``KILLED_BY`` (the clause ids whose tests
must catch it) and ``api``, the namespace to test: ``pytest --backend=impls.mutants.<name>:api``. Most are the
reference with one function replaced or one text edited; the ``tf_*`` ones are real TensorFlow with one thing
replaced (``tensorflow.compat.v1``, or TensorFlow 2 and Keras 3 through the kit in ``_wrapped.py``: the
``tf_rt5_*`` ones), and also say which ``training_util`` functions they replace (``TRAINING_UTIL``), so that
TensorFlow's own upstream test can be run against them too (meta_tests/upstream/).

The kit below keeps each mutant to its one defect:

- ``mutate(base, train={...}, **names)``: ``base`` with some names replaced.
- ``step_creator(base, **defect)``: a ``create_global_step`` that creates the step with one property changed.
- ``creating(base, create)``: ``create_global_step`` and a ``get_or_create_global_step`` that uses it.
- ``lookup_without_fallback(base)``: a ``get_global_step`` without the documented name fallback.
- ``optimizers_with(base, mixin)``: every optimizer of ``base.train`` with ``mixin`` in front;
  ``counting_per_variable(base, counted)`` is such a mixin that counts each variable ``counted`` picks.
- ``counter_edited(function, method_of=None)``: a private copy of impls/reference/keras.py (the counter
  surface) with one function or method replaced, as if edited in place (the ``it_*`` mutants).
- ``tf2_edited(function, method_of=None)``: the same for impls/reference/tf2.py (the tf2 surface: the ``t2_*``
  mutants).
- ``text_edited(module, old, new)``: a private copy of ``impls/reference/<module>.py`` with the text ``old``
  (which must occur once) replaced by ``new``: the mutant is its diff. ``train_text_edited(old, new)``: the
  reference with such a copy of train.py.
- ``edited(function, method_of=None)``: the reference whose ``train`` module is a private copy of
  impls/reference/train.py with one function (or one ``Optimizer`` method) replaced, as if edited in place: the
  copy's other functions call the edited one (get_or_create -> get_global_step, minimize -> apply_gradients).

``KILLED_BY`` maps each clause whose tests must catch the mutant to how: ``"fail"`` (a ConformanceFailure or a
MissingAPI) or ``"crash"`` (a BackendCrash: the defect makes the backend raise where the clause allows no
exception). A mutant counts as caught only that way (meta_tests/selftest.py).

``rt_*`` and ``rt5_*`` mutants were written by red teams from the API page, the notes and the spec, without
seeing ``tests/`` (``rt5``: round 5, docs/red-team-round-5.md); they were added once the tests caught them.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import itertools
import pkgutil
import sys
import types
from pathlib import Path


class Mutated:
    """``base`` with some names replaced; anything not replaced is looked up on ``base``."""

    def __init__(self, base, replacements: dict):
        self._base, self._replacements = base, replacements

    def __getattr__(self, name):
        if name in self._replacements:
            return self._replacements[name]
        return getattr(self._base, name)


def mutate(base, train: dict | None = None, **names) -> Mutated:
    """``base`` (a tf.compat.v1-like namespace) with ``names`` and ``train.<name>`` functions replaced."""
    replacements = dict(names)
    if train:
        replacements["train"] = Mutated(base.train, train)
    return Mutated(base, replacements)


def step_creator(base, *, name="global_step", dtype="int64", shape=(), initial=0, trainable=False,
                 collections=("GLOBAL_VARIABLES", "GLOBAL_STEP"), escape_name_scope=True, check_exists=True):
    """A create_global_step for ``base`` that is correct except for the one argument a mutant changes."""

    def create_global_step(graph=None):
        graph = graph or base.get_default_graph()
        if check_exists and base.train.get_global_step(graph) is not None:
            raise ValueError('"global_step" already exists.')
        with graph.as_default(), graph.name_scope(None) if escape_name_scope else contextlib.nullcontext():
            return base.get_variable(
                name, shape=list(shape), dtype=getattr(base, dtype),
                initializer=base.zeros_initializer() if initial == 0 else base.ones_initializer(),
                trainable=trainable, collections=[getattr(base.GraphKeys, key) for key in collections],
            )

    return create_global_step


def creating(base, create) -> dict:
    """``train`` replacements: ``create`` and a get_or_create_global_step built on it."""

    def get_or_create_global_step(graph=None):
        graph = graph or base.get_default_graph()
        step = base.train.get_global_step(graph)
        return step if step is not None else create(graph)

    return {"create_global_step": create, "get_or_create_global_step": get_or_create_global_step}


def lookup_without_fallback(base):
    """A get_global_step for ``base`` that reads only the GLOBAL_STEP collection: no `global_step:0` fallback."""

    def get_global_step(graph=None):
        graph = graph or base.get_default_graph()
        found = graph.get_collection(base.GraphKeys.GLOBAL_STEP)
        if len(found) != 1:
            return None
        base.train.assert_global_step(found[0])
        return found[0]

    return get_global_step


def discover() -> list[str]:
    """The module names of every shipped mutant, sorted."""
    import impls.mutants as package

    return sorted(info.name for info in pkgutil.iter_modules(package.__path__) if not info.name.startswith("_"))


def load(name: str):
    """Import mutant ``name`` (a module of this package)."""
    return importlib.import_module(f"impls.mutants.{name}")


def optimizers_with(base, mixin) -> dict:
    """``train`` replacements: every ``*Optimizer`` class of ``base.train``, with ``mixin`` in front of it."""
    names = [name for name in dir(base.train) if name.endswith("Optimizer") and name != "Optimizer"]
    return {name: type(name, (mixin, getattr(base.train, name)), {}) for name in names}


def counting_per_variable(base, counted) -> type:
    """A mixin for ``optimizers_with``: apply_gradients as ``base``'s, then one more increment per variable
    ``counted(variable)`` picks beyond the first (with a gradient and a step): the defect of counting groups of
    variables (parts, dtypes) as steps of their own."""

    class CountsPerVariable:
        def apply_gradients(self, grads_and_vars, global_step=None, name=None, **kwargs):
            grads_and_vars = tuple(grads_and_vars)
            op = super().apply_gradients(grads_and_vars, global_step, name, **kwargs)
            extra = sum(1 for g, v in grads_and_vars if g is not None and counted(v)) - 1
            if global_step is None or extra < 1:
                return op
            with base.control_dependencies([op]), base.colocate_with(global_step):
                return global_step.assign_add(base.constant(extra, dtype=global_step.dtype.base_dtype)).op

    return CountsPerVariable


_copies = itertools.count()


def rebind(function, namespace: dict):
    """``function`` with ``namespace`` as its globals: the function as if written in that module."""
    rebound = types.FunctionType(function.__code__, namespace, function.__name__, function.__defaults__,
                                 function.__closure__)
    rebound.__kwdefaults__, rebound.__doc__ = function.__kwdefaults__, function.__doc__
    rebound.__qualname__ = function.__qualname__
    return rebound


def _edit_copy(path: str, prefix: str, function, method_of: str | None, imports: dict | None = None):
    """A private copy of the module in ``path`` with ``function`` (or ``<method_of>.<name>``) replaced, as if edited
    there; returns the copy and the object replaced (a property stays a property)."""
    spec = importlib.util.spec_from_file_location(f"{prefix}_{next(_copies)}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, value in (imports or {}).items():
        setattr(module, name, value)
    rebound = rebind(function, vars(module))
    owner = getattr(module, method_of) if method_of else module
    old = vars(owner).get(function.__name__)
    setattr(owner, function.__name__, property(rebound) if isinstance(old, property) else rebound)
    return module, old, rebound


def edited(function, *, method_of: str | None = None, imports: dict | None = None) -> Mutated:
    """``impls.reference`` with ``train.<function.__name__>`` (or ``train.<method_of>.<name>``) replaced.

    ``function`` is written as it would read edited inside train.py: it is re-bound to a private copy of that
    module, so the copy's other functions call it. ``imports`` are names the edit would add to train.py.
    """
    import impls.reference as reference

    module, _, _ = _edit_copy(reference.train.__file__, "_edited_train", function, method_of, imports)
    return Mutated(reference, {"train": module})


def counter_edited(function, *, method_of: str | None = None):
    """A private copy of impls.reference.keras (the counter surface) with ``function`` (or ``<method_of>.<name>``)
    replaced, as if edited in that file: the copy's other code calls it, and it sees the copy's globals."""
    import impls.reference.keras as keras

    module, old, rebound = _edit_copy(keras.__file__, "_edited_keras", function, method_of)
    for namespace in (module.ops, module.optimizers):  # the namespaces that hold module functions by value
        for name, value in vars(namespace).items():
            if old is not None and value is old:
                setattr(namespace, name, rebound)
    return module


def text_edited(module: str, old: str, new: str):
    """A private copy of reference module ``module`` ("tf2", "keras", "train", ...) whose source has ``old`` replaced
    by ``new``: the defect is the diff. ``old`` must occur exactly once, so a change to the reference that moves
    the edited text fails at import, naming the text."""
    path = Path(importlib.import_module(f"impls.reference.{module}").__file__)
    source = path.read_text(encoding="utf-8")
    if source.count(old) != 1:
        raise ValueError(f"impls/reference/{path.name}: the edit's old text occurs {source.count(old)} times (once "
                         f"is wanted); the reference changed under this mutant:\n{old}")
    name = f"_text_edited_{module}_{next(_copies)}"
    copy = types.ModuleType(name)
    copy.__file__ = str(path)
    sys.modules[name] = copy  # dataclasses and pickling look modules up by name
    exec(compile(source.replace(old, new), str(path), "exec"), vars(copy))
    return copy


def train_text_edited(old: str, new: str) -> Mutated:
    """``impls.reference`` whose train.py has ``old`` replaced by ``new`` (see text_edited), with the classes other
    namespaces hold by value (``mixed_precision``) taken from the edited copy."""
    import impls.reference as reference

    train = text_edited("train", old, new)
    return Mutated(reference, {"train": train, "mixed_precision": types.SimpleNamespace(
        **{name: getattr(train, name) for name in vars(reference.mixed_precision)})})


def tf2_edited(function, *, method_of: str | None = None):
    """A private copy of impls.reference.tf2 (the tf2 surface) with ``function`` (or ``<method_of>.<name>``) replaced,
    as if edited in that file."""
    import impls.reference.tf2 as tf2

    module, _, _ = _edit_copy(tf2.__file__, "_edited_tf2", function, method_of)
    module.train.Checkpoint = module.Checkpoint  # the namespace holds the class by value
    return module
