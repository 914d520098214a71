"""Private copies of impls.reference with one function of graph.py / session.py / ops.py replaced (as if edited in place)."""

from __future__ import annotations

import contextlib
import itertools
import pathlib
import sys
import types

import impls.reference as _reference
from impls.mutants import rebind

_DIR = pathlib.Path(_reference.__file__).parent
_ORDER = ("dtypes", "graph", "ops", "session", "train")
_copies = itertools.count()


def clone(module: str, function, *, method_of: str | None = None, contextmanager: bool = False,
          imports: dict | None = None):
    """impls.reference whose ``<module>.<function.__name__>`` (or ``<module>.<method_of>.<name>``) is replaced.

    The whole package is re-executed under a private name, so the copy's other functions call the edited one and
    impls.reference itself is untouched. ``imports`` are module-level names the edit would add to that file.
    """
    name = f"_r3_clone_{next(_copies)}"
    package = types.ModuleType(name)
    package.__path__ = []
    package.__file__ = str(_DIR / "__init__.py")
    sys.modules[name] = package
    for sub in _ORDER:
        path = _DIR / f"{sub}.py"
        source = path.read_text().replace("impls.reference", name)
        mod = types.ModuleType(f"{name}.{sub}")
        mod.__file__ = str(path)
        sys.modules[mod.__name__] = mod
        setattr(package, sub, mod)
        exec(compile(source, str(path), "exec"), mod.__dict__)
        if sub == module:
            for key, value in (imports or {}).items():
                setattr(mod, key, value)
            new = rebind(function, mod.__dict__)
            if contextmanager:
                new = contextlib.contextmanager(new)
            setattr(getattr(mod, method_of) if method_of else mod, function.__name__, new)
    source = (_DIR / "__init__.py").read_text().replace("impls.reference", name)
    exec(compile(source, str(_DIR / "__init__.py"), "exec"), package.__dict__)
    return package
