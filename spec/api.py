"""The API in scope, as data read from the installed libraries: every callable the contract's three surfaces use,
with its parameters as the real library declares them.

    python -m spec.api --write     # read the installed TensorFlow and Keras, write spec/api.json
    python -m spec.api --check     # compare spec/api.json with them: exit 1 naming each parameter that moved
    python -m spec.api --dump F    # write what the installed release declares to F (tox -m versions)

``SCOPE`` says what is in scope, per surface, as paths inside the surface's real namespace (``tensorflow.compat.v1``
for v1, ``keras`` for counter, ``tensorflow`` for tf2; the suite's backends expose the same paths). A path that
ends in ``*`` is every public subclass of the class before it that the namespace exports (``train.*Optimizer``:
every ``tf.compat.v1.train`` optimizer); ``Class.method`` is a method. Nothing in spec/api.json is typed by hand:
``--write`` makes it, and a meta-test runs ``--check`` against the installed libraries, so a parameter added or
removed in a release fails as stale, by name. How the tests draw each parameter, or why they do not, is in
spec/domains.toml; which ones a run really passed is measured (harness/apicoverage.py).
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import sys
from functools import cache
from pathlib import Path

API_FILE = Path(__file__).with_name("api.json")
#: The real namespace of each surface, and the paths in scope inside it.
SCOPE = {
    "v1": ("tensorflow.compat.v1", (
        "train.get_or_create_global_step", "train.create_global_step", "train.get_global_step",
        "train.assert_global_step", "train.global_step",
        "train.*Optimizer",
        "train.Optimizer.minimize", "train.Optimizer.compute_gradients", "train.Optimizer.apply_gradients",
        "mixed_precision.MixedPrecisionLossScaleOptimizer",
        "Variable", "get_variable",
    )),
    "counter": ("keras", (
        "optimizers.*",
        "optimizers.Optimizer.apply", "optimizers.Optimizer.apply_gradients", "optimizers.Optimizer.build",
        "optimizers.Optimizer.exclude_from_weight_decay", "optimizers.Optimizer.save_own_variables",
        "optimizers.Optimizer.load_own_variables",
        "Variable", "Variable.assign",
    )),
    "tf2": ("tensorflow", (
        "Variable", "Variable.assign_add", "Variable.assign",
        "function", "types.experimental.PolymorphicFunction.get_concrete_function",
        "Module", "GradientTape",
        "train.Checkpoint", "train.Checkpoint.save", "train.Checkpoint.restore", "train.Checkpoint.write",
        "train.Checkpoint.read",
        "train.CheckpointManager", "train.CheckpointManager.save", "train.CheckpointManager.restore_or_initialize",
    )),
}


class ApiFileError(ValueError):
    """spec/api.json is missing or malformed; the message says where."""


def _resolve(root, path: str):
    value = root
    for part in path.split("."):
        value = getattr(value, part)
    return value


def _default(value) -> str | None:
    """A parameter's default as text (``repr``); None when it has none."""
    if value is inspect.Parameter.empty:
        return None
    return getattr(value, "name", None) if type(value).__name__.startswith("Variable") else repr(value)


def _parameters(function, *, bound: bool) -> list[dict]:
    """The declared parameters of ``function`` (``self`` dropped when ``bound``): name, kind, default."""
    parameters = list(inspect.signature(function).parameters.values())
    if bound and parameters and parameters[0].name == "self":
        parameters = parameters[1:]
    return [{"name": p.name, "kind": p.kind.name.lower(), "default": _default(p.default)} for p in parameters]


def _subclasses(root, path: str) -> list[str]:
    """``a.b.*Suffix``: the public names in ``a.b`` that are subclasses of ``a.b.Base``, where Base is the class
    named by the suffix (``train.*Optimizer``: Optimizer) or, for a bare ``*``, Optimizer (keras.optimizers)."""
    module_path, _, pattern = path.rpartition(".")
    module = _resolve(root, module_path)
    suffix = pattern.lstrip("*") or "Optimizer"
    base = getattr(module, suffix)
    names = [name for name in dir(module) if not name.startswith("_") and name.endswith(pattern.lstrip("*"))]
    return [f"{module_path}.{name}" for name in sorted(names)
            if isinstance(getattr(module, name), type) and issubclass(getattr(module, name), base)]


def read_installed(surface: str) -> dict[str, dict]:
    """What the installed library declares for ``surface``: path -> {"kind", "params"}."""
    module_name, paths = SCOPE[surface]
    root = importlib.import_module(module_name)
    entries: dict[str, dict] = {}
    for pattern in paths:
        for path in _subclasses(root, pattern) if "*" in pattern else [pattern]:
            value = _resolve(root, path)
            if isinstance(value, type):
                entries[path] = {"kind": "class", "params": _parameters(value.__init__, bound=True)}
            elif "." in path and isinstance(_resolve(root, path.rpartition(".")[0]), type):
                entries[path] = {"kind": "method", "params": _parameters(value, bound=True)}
            else:
                entries[path] = {"kind": "function", "params": _parameters(value, bound=False)}
    return entries


def installed() -> dict:
    """The whole document for the installed libraries: versions, then each surface's entries."""
    versions = {}
    for surface, (module_name, _) in SCOPE.items():
        package = module_name.split(".")[0]
        versions[surface] = f"{package} {importlib.import_module(package).__version__}"
    return {"format": 1, "written_by": "python -m spec.api --write", "versions": versions,
            "surfaces": {surface: read_installed(surface) for surface in SCOPE}}


@cache
def load(path: Path = API_FILE) -> dict:
    """spec/api.json, checked for shape."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ApiFileError(f"{path}: {exc}; regenerate it with: python -m spec.api --write") from None
    if set(document.get("surfaces", {})) != set(SCOPE):
        raise ApiFileError(f"{path}: surfaces {sorted(document.get('surfaces', {}))}, expected {sorted(SCOPE)}")
    return document


def entries(surface: str | None = None, path: Path = API_FILE) -> dict[tuple[str, str], dict]:
    """(surface, path) -> entry, for one surface or all."""
    surfaces = load(path)["surfaces"]
    return {(s, p): entry for s, found in surfaces.items() if surface in (None, s) for p, entry in found.items()}


def parameters(path: Path = API_FILE) -> list[tuple[str, str, dict]]:
    """Every (surface, api path, parameter) in scope, in file order; ``*args`` / ``**kwargs`` left out (they are
    not options a test passes by name)."""
    return [(surface, api, parameter) for (surface, api), entry in entries(path=path).items()
            for parameter in entry["params"] if parameter["kind"] not in ("var_positional", "var_keyword")]


def differences(recorded: dict, found: dict) -> list[str]:
    """What moved between two documents' surfaces: an API or a parameter added, removed or changed."""
    lines = []
    for surface in SCOPE:
        old, new = recorded["surfaces"].get(surface, {}), found["surfaces"].get(surface, {})
        for api in sorted(set(old) - set(new)):
            lines.append(f"{surface}: {api} is in spec/api.json but not in the installed library")
        for api in sorted(set(new) - set(old)):
            lines.append(f"{surface}: {api} is new in the installed library")
        for api in sorted(set(old) & set(new)):
            before = {p["name"]: p for p in old[api]["params"]}
            after = {p["name"]: p for p in new[api]["params"]}
            lines += [f"{surface}: {api}({name}) was removed" for name in before if name not in after]
            lines += [f"{surface}: {api}({name}) was added" for name in after if name not in before]
            lines += [f"{surface}: {api}({name}) changed: {before[name]} -> {after[name]}"
                      for name in before if name in after and before[name] != after[name]]
    return lines


def _write(document: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m spec.api", description=__doc__.split("\n\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="write spec/api.json from the installed libraries")
    action.add_argument("--check", action="store_true", help="exit 1 when spec/api.json differs from them")
    action.add_argument("--dump", metavar="FILE", help="write what the installed libraries declare to FILE")
    options = parser.parse_args(argv)
    found = installed()
    if options.write:
        _write(found, API_FILE)
        apis = [entry for surface in found["surfaces"].values() for entry in surface.values()]
        print(f"wrote {API_FILE.name}: {len(apis)} APIs, {sum(len(e['params']) for e in apis)} parameters")
        return 0
    if options.dump:
        _write(found, Path(options.dump))
        return 0
    moved = differences(load(), found)
    for line in moved:
        print(f"stale: {line}")
    if moved:
        print(f"spec/api.json differs from the installed libraries ({found['versions']}); regenerate it with "
              "python -m spec.api --write, and give each new parameter a domain in spec/domains.toml")
    return 1 if moved else 0


if __name__ == "__main__":
    sys.exit(main())
