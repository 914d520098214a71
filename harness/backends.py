"""Backend selection: the one place where ``--backend`` / ``GLOBAL_STEP_BACKEND`` becomes backend objects.

A backend is any object exposing the ``tf.compat.v1`` names the suite uses (``Graph``, ``GraphKeys``,
``Session``, ``train.get_or_create_global_step``, ...). A SPEC is a comma-separated list of:

- ``reference``   the pure-Python reference in impls/reference (the default)
- ``tensorflow``  real TensorFlow, ``tensorflow.compat.v1`` (used inside explicit ``Graph`` contexts)
- ``package.module`` or ``package.module:attribute``  any importable object, e.g. ``tensorflow.compat.v1``
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
from pathlib import Path

from harness.outcomes import MissingAPI

ENV_VAR = "GLOBAL_STEP_BACKEND"
DEFAULT = "reference"
BUILTIN = {"reference": "impls.reference", "tensorflow": "tensorflow.compat.v1"}
DIVERGENCES_DIR = Path(__file__).resolve().parent.parent / "spec" / "divergences"

# TensorFlow prints CUDA-stub and oneDNN notices on import; they are noise in a conformance report.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


class BackendError(ValueError):
    """A backend SPEC that cannot be loaded; the message says why and what is valid."""


VALID = (
    f"valid backends: {', '.join(BUILTIN)}, a comma-separated list of these, "
    "or an import path package.module[:attribute] naming a tf.compat.v1-like object"
)


class Backend:
    """One loaded backend: its name (as in test ids), the namespace and what the reports need to know.

    A plain class, not a dataclass: Hypothesis prints dataclasses field by field in every falsifying example.
    """

    def __init__(self, name: str, target: str, namespace, version: str, implementation: str):
        self.name = name
        self.target = target  # the import path it was loaded from
        self.namespace = namespace
        self.version = version
        self.implementation = implementation  # top-level package that defines its Graph class, e.g. "tensorflow"

    def __repr__(self):
        return f"<backend {self.name} {self.version}>"

    @property
    def import_line(self) -> str:
        """How a reproduction snippet gets this backend as ``tf1``."""
        module, _, attribute = self.target.partition(":")
        if attribute:
            return f"from {module} import {attribute} as tf1"
        return f"import {module} as tf1"

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
                    f"backend {self.name!r} lacks tf1.{path} ({have} has no attribute {part!r}); "
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


def load(name: str) -> Backend:
    """Load one backend by built-in name or import path."""
    target = BUILTIN.get(name, name)
    if name not in BUILTIN and not all(part.isidentifier() for part in target.replace(":", ".").split(".")):
        raise BackendError(f"unknown backend {name!r}; {VALID}")
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
                   implementation=_implementation(namespace))


def resolve(spec: str) -> list[Backend]:
    """Every backend named in SPEC, loaded."""
    return [load(name) for name in parse_spec(spec)]


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
    graph_class = getattr(namespace, "Graph", None)
    module = getattr(graph_class, "__module__", None) or getattr(namespace, "__name__", "") or "unknown"
    return module.split(".")[0]
