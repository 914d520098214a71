"""Backend selection: the one place where ``--backend`` / ``GLOBAL_STEP_BACKEND`` becomes backend objects.

A backend provides one or both surfaces of the contract (spec/clauses.toml, ``[meta].surfaces``):

- ``v1``       the ``tf.compat.v1`` names the global-step tests use (``Graph``, ``Session``,
  ``train.get_or_create_global_step``, ...), written ``tf1`` in reproductions;
- ``counter``  the step counters the page's "Migrate to TF2" section names: a Keras-3-like namespace
  (``optimizers.<Name>`` with ``iterations`` and ``apply_gradients``, ``Variable``, ``ops.convert_to_numpy``),
  written ``keras`` in reproductions;
- ``tf2``      TensorFlow 2's own eager API, which the page's migrated example and its second option use
  (``Variable``, ``function``, ``GradientTape``, ``train.Checkpoint``, ``keras.optimizers``), written ``tf``.

Each surface a backend provides is one ``Backend`` object; a test of another surface is not applicable to it
(verdict ``n/a``). A SPEC is a comma-separated list of:

- ``reference``   the pure-Python reference: impls/reference (v1), impls/reference/keras.py (counter) and
  impls/reference/tf2.py (tf2)
- ``tensorflow``  real TensorFlow: ``tensorflow.compat.v1`` (v1), ``tf.keras`` (counter) and ``tensorflow`` (tf2)
- ``keras-tensorflow``, ``keras-jax``, ``keras-torch``, ``keras-numpy``  Keras 3 on that framework (counter; one
  per process: Keras reads KERAS_BACKEND when it is imported)
- ``tf-keras``    legacy Keras 2 (tf_keras, with TF_USE_LEGACY_KERAS=1): counter and tf2 (impls/adapters/tf_keras.py;
  not in a process that ran ``tensorflow``: TensorFlow resolves tf.keras once)
- ``optax``, ``flax-nnx``  optax's state ``count`` and Flax NNX's ``nnx.Optimizer.step`` under Keras's names
  (counter; impls/adapters/)
- ``package.module`` or ``package.module:attribute``  any importable object: a v1 backend if it has
  ``train.get_or_create_global_step``, else a tf2 backend if it has ``GradientTape``, else a counter backend if it
  has ``optimizers`` (else a v1 backend that lacks the API, reported as missing)
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
from pathlib import Path

from harness.outcomes import MissingAPI

ENV_VAR = "GLOBAL_STEP_BACKEND"
DEFAULT = "reference"
#: Built-in names: surface -> import path of each surface they provide.
BUILTIN = {
    "reference": {"v1": "impls.reference", "counter": "impls.reference.keras", "tf2": "impls.reference.tf2"},
    "tensorflow": {"v1": "tensorflow.compat.v1", "counter": "tensorflow:keras", "tf2": "tensorflow"},
    **{f"keras-{framework}": {"counter": "keras"} for framework in ("tensorflow", "jax", "torch", "numpy")},
    "tf-keras": {"counter": "impls.adapters.tf_keras", "tf2": "impls.adapters.tf_keras:tf"},
    "optax": {"counter": "impls.adapters.optax_counter"},
    "flax-nnx": {"counter": "impls.adapters.flax_nnx"},
}
#: How reproductions name each surface's namespace.
ALIASES = {"v1": "tf1", "counter": "keras", "tf2": "tf"}
DIVERGENCES_DIR = Path(__file__).resolve().parent.parent / "spec" / "divergences"

# TensorFlow prints CUDA-stub and oneDNN notices on import; they are noise in a conformance report.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


class BackendError(ValueError):
    """A backend SPEC that cannot be loaded; the message says why and what is valid."""


VALID = (
    f"valid backends: {', '.join(BUILTIN)}, a comma-separated list of these, "
    "or an import path package.module[:attribute] naming a tf.compat.v1-like or Keras-3-like object"
)


class Backend:
    """One loaded backend: its name (as in test ids), the namespace and what the reports need to know.

    A plain class, not a dataclass: Hypothesis prints dataclasses field by field in every falsifying example.
    """

    def __init__(self, name: str, target: str, namespace, version: str, implementation: str, surface: str = "v1"):
        self.name = name
        self.target = target  # the import path it was loaded from
        self.namespace = namespace
        self.version = version
        self.implementation = implementation  # top-level package that defines its Graph class, e.g. "tensorflow"
        self.surface = surface  # "v1", "counter" or "tf2"

    def __repr__(self):
        return f"<backend {self.name} {self.version}>" + ("" if self.surface == "v1" else f" ({self.surface})")

    @property
    def alias(self) -> str:
        """The namespace's name in reproductions: tf1 (v1), keras (counter) or tf (tf2)."""
        return ALIASES[self.surface]

    @property
    def import_line(self) -> str:
        """How a reproduction snippet gets this backend as its alias (``tf1``, ``keras`` or ``tf``)."""
        module, _, attribute = self.target.partition(":")
        setup = f"import os; os.environ['KERAS_BACKEND'] = {self.keras_backend!r}\n" if self.keras_backend else ""
        if attribute:
            return f"{setup}from {module} import {attribute} as {self.alias}"
        return f"{setup}import {module} as {self.alias}"

    @property
    def keras_backend(self) -> str | None:
        """The framework a ``keras-<framework>`` backend runs Keras on."""
        return self.name.removeprefix("keras-") if self.name in BUILTIN and self.name.startswith("keras-") else None

    @property
    def requirement_line(self) -> str:
        """The snippet's first line: what running it needs, for a person who copies it out of a report."""
        module = self.target.partition(":")[0]
        top = module.split(".")[0]
        if top in ("impls", "meta_tests"):
            return (f"# Needs {module} from the global-step-conformance checkout: run it there, "
                    f"or with PYTHONPATH=<the checkout>")
        if top == "tensorflow":
            return "# Needs TensorFlow: pip install tensorflow-cpu"
        return f"# Needs {module} importable (installed, or its folder on PYTHONPATH)"

    def api(self, path: str):
        """The object at dotted ``path`` (``train.create_global_step``); MissingAPI names what is absent."""
        obj = self.namespace
        for depth, part in enumerate(path.split(".")):
            try:
                obj = getattr(obj, part)
            except AttributeError:
                have = ".".join(path.split(".")[:depth]) or "the namespace"
                raise MissingAPI(
                    f"backend {self.name!r} lacks {self.alias}.{path} ({have} has no attribute {part!r}); "
                    f"the clause cannot be checked without it"
                ) from None
        return obj

    def has(self, path: str) -> bool:
        try:
            self.api(path)
        except MissingAPI:
            return False
        return True

    @property
    def divergences_file(self) -> Path | None:
        """spec/divergences/<implementation>.toml, if the implementation has known divergences."""
        path = DIVERGENCES_DIR / f"{self.implementation}.toml"
        return path if path.exists() else None


def parse_spec(spec: str) -> list[str]:
    """The names in a SPEC, in order, without duplicates; BackendError if it is empty."""
    names = list(dict.fromkeys(part.strip() for part in spec.split(",") if part.strip()))
    if not names:
        raise BackendError(f"empty backend spec {spec!r}; {VALID}")
    return names


def load(name: str) -> list[Backend]:
    """Load one backend by built-in name or import path: a Backend per surface it provides."""
    if name in BUILTIN:
        if BUILTIN[name].get("counter") in ("keras", "tensorflow:keras"):  # Keras 3 (tf.keras is Keras 3 too)
            _choose_keras_backend(name.removeprefix("keras-") if name.startswith("keras-") else "tensorflow", name)
        if name in ("tensorflow", "tf-keras"):
            _choose_tf_keras("tf_keras" if name == "tf-keras" else "Keras 3", name)
        return [_load(name, target, surface) for surface, target in BUILTIN[name].items()]
    if not all(part.isidentifier() for part in name.replace(":", ".").split(".")):
        raise BackendError(f"unknown backend {name!r}; {VALID}")
    backend = _load(name, name, "v1")
    if backend.has("train.get_or_create_global_step"):  # tf.compat.v1 has GradientTape and optimizers too
        return [backend]
    if backend.has("GradientTape"):
        backend.surface = "tf2"
    elif backend.has("optimizers"):
        backend.surface = "counter"
    return [backend]


def _choose_keras_backend(framework: str, name: str) -> None:
    """Keras 3 reads KERAS_BACKEND once, when it is imported: one framework per process."""
    import sys

    keras = sys.modules.get("keras")
    if keras is not None and keras.backend.backend() != framework:
        raise BackendError(f"backend {name!r}: Keras is already imported on {keras.backend.backend()!r} in this "
                           f"process, and Keras reads KERAS_BACKEND only once; run each keras-* backend in a "
                           f"process of its own (harness.gate does)")
    os.environ["KERAS_BACKEND"] = framework


_TF_KERAS: dict[str, str] = {}  # what tf.keras is in this process, once a built-in backend has chosen


def _choose_tf_keras(flavour: str, name: str) -> None:
    """TensorFlow resolves tf.keras once per process (TF_USE_LEGACY_KERAS): Keras 3, or tf_keras for tf-keras."""
    chosen = _TF_KERAS.setdefault("flavour", flavour)
    if chosen != flavour:
        raise BackendError(f"backend {name!r} needs tf.keras to be {flavour}, but an earlier backend in this process "
                           f"made it {chosen} (TensorFlow resolves tf.keras once); run tensorflow and tf-keras in "
                           f"processes of their own (harness.gate does)")


def _load(name: str, target: str, surface: str) -> Backend:
    module_name, _, attribute = target.partition(":")
    try:
        namespace = importlib.import_module(module_name)
    except ImportError as exc:
        hint = " (install tensorflow-cpu, or run `tox -e tensorflow`)" if module_name.startswith("tensorflow") else ""
        raise BackendError(f"backend {name!r}: cannot import {module_name!r}: {exc}{hint}; {VALID}") from None
    except Exception as exc:  # a module that blows up while importing is reported, not re-raised
        raise BackendError(f"backend {name!r}: importing {module_name!r} raised {type(exc).__name__}: {exc}; "
                           f"{VALID}") from None
    if attribute:
        try:
            namespace = getattr(namespace, attribute)
        except AttributeError:
            public = sorted(n for n in dir(namespace) if not n.startswith("_"))[:20]
            raise BackendError(
                f"backend {name!r}: module {module_name!r} has no attribute {attribute!r} "
                f"(it has: {', '.join(public) or 'nothing public'}); {VALID}"
            ) from None
    return Backend(name=name, target=target, namespace=namespace, version=_version(namespace, module_name),
                   implementation=_implementation(namespace), surface=surface)


def resolve(spec: str) -> list[Backend]:
    """Every surface of every backend named in SPEC, loaded, in SPEC order."""
    return [backend for name in parse_spec(spec) for backend in load(name)]


def by_surface(backends: list[Backend], surface: str) -> list[Backend]:
    return [backend for backend in backends if backend.surface == surface]


def _version(namespace, module_name: str) -> str:
    version = getattr(namespace, "__version__", None)
    if isinstance(version, str):
        return version
    top = module_name.split(".")[0]
    version = getattr(importlib.import_module(top), "__version__", None)
    if isinstance(version, str):
        return version
    try:
        return importlib.metadata.version(top)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _implementation(namespace) -> str:
    """The package whose divergences file applies: an adapter names it (``__implementation__``), else the top-level
    package that defines the namespace's Graph class, else the namespace's own."""
    declared = getattr(namespace, "__implementation__", None)
    if isinstance(declared, str):
        return declared
    graph_class = getattr(namespace, "Graph", None)
    module = getattr(graph_class, "__module__", None) or getattr(namespace, "__name__", "") or "unknown"
    return module.split(".")[0]
