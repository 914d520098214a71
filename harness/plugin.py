"""The suite's pytest plugin (loaded by the top-level conftest.py).

1. Configure: load the clause registry, the backends (``--backend`` / GLOBAL_STEP_BACKEND) and their known
   divergences, and the Hypothesis profile. Any bad input stops the run with a usage error (exit code 4).
2. Collect: parametrise every test that takes ``backend``; check each test's ``clause`` markers; apply known
   divergences as strict xfails; in a full run, find clauses without a test and divergences without a test.
3. Run: tell the assertion helpers which clause is being checked; fail a test that leaves a graph as default;
   check that a known divergence failed the way it is recorded.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest
from hypothesis import settings

from harness import apicoverage, profiles, verdicts
from harness import backends as backends_module
from harness import divergences as divergences_module
from harness import results as results_module
from harness.backends import Backend, BackendError
from harness.divergences import DivergenceFileError
from harness.outcomes import current_clauses
from harness.program import METER
from spec import registry

BACKENDS = pytest.StashKey[list]()
SPEC = pytest.StashKey[registry.Spec]()
DIVERGENCES = pytest.StashKey[dict]()  # backend name -> [Divergence]
PROBLEMS = pytest.StashKey[list]()  # run-level problems that fail a full run
ITEM_CLAUSES = pytest.StashKey[tuple]()
ITEM_DIVERGENCE = pytest.StashKey[object]()
ITEM_REPLAY = pytest.StashKey[tuple]()  # (hypothesis version, blob) from --replay
ITEM_RECORDED = pytest.StashKey[dict]()  # the --replay file's record of the test
ITEM_METER = pytest.StashKey[tuple]()  # (programs, seconds inside backend calls) during the test
#: Set by a plugin (in pytest_configure) to parametrise a test only with the backends for which
#: ``filter(backend, clause_ids)`` is true; the plugin deselects what remains (meta_tests/declared_only.py).
BACKEND_FILTER = pytest.StashKey[object]()


# -- 1. configure -----------------------------------------------------------------------------------------
def pytest_addoption(parser):
    group = parser.getgroup("global-step-conformance")
    group.addoption(
        "--backend", default=None, metavar="SPEC",
        help=f"backends to test: {backends_module.VALID}. Default: ${backends_module.ENV_VAR} or "
             f"{backends_module.DEFAULT!r}; an empty SPEC (or an empty ${backends_module.ENV_VAR}) is an error.",
    )
    group.addoption(
        "--results", default=None, metavar="FILE",
        help=f"write every test's verdict ({', '.join(verdicts.NAMES)}) as JSON to FILE; missing parent folders "
             "are created, and a FILE that cannot be written stops the run before any test",
    )
    group.addoption(
        "--replay", default=None, metavar="RESULTS",
        help="rerun only the tests that failed in RESULTS (a --results file), each on exactly its recorded "
             "Hypothesis example",
    )
    group.addoption(
        "--order", choices=("fail-fast", "file"), default="fail-fast",
        help="fail-fast (default): the slow tests (training, the stateful test) last; before and among them rounds, "
             "the first parametrisation of every test before any second one, and in each round deterministic "
             "tests, then Hypothesis tests, so that a defect shows within seconds with -x; file: pytest's file "
             "order",
    )
    group.addoption(
        "--api-coverage", default=None, metavar="FILE",
        help="record which parameters of the API in scope (spec/api.json) the tests pass to the reference, and with "
             "which kinds of value, into FILE (JSON); python -m harness.apicoverage FILE prints the table",
    )
    group.addoption(
        "--divergences", action="append", default=[], metavar="[BACKEND=]FILE",
        help="known divergences of a backend under test (TOML, format in spec/divergences/tensorflow.toml); "
             "repeatable. BACKEND=FILE names the backend; a bare FILE only with a single backend; BACKEND= "
             "(no file) means none. Default: spec/divergences/<implementation>.toml when it exists.",
    )


@pytest.hookimpl(tryfirst=True)  # before Hypothesis's own, which loads --hypothesis-profile (so it wins over the env)
def pytest_configure(config):
    config.addinivalue_line("markers", "clause(*ids): the spec/clauses.toml clause(s) the test checks")
    config.addinivalue_line("markers", "slow: costly examples (training, the stateful test): last in each round of "
                                       "the fail-fast order (--order)")
    config.stash[PROBLEMS] = []
    try:
        config.stash[SPEC] = spec = registry.load()
        profiles.load_from_environment()
        profiles.check_option(config.getoption("hypothesis_profile", None))
        config.stash[BACKENDS] = loaded = backends_module.resolve(_chosen_backends(config))
        names = list(dict.fromkeys(b.name for b in loaded))
        given = divergences_module.assign(config.getoption("divergences"), names)
        files = {name: [given[name]] if name in given else
                 list(dict.fromkeys(b.divergences_file for b in loaded if b.name == name)) for name in names}
        config.stash[DIVERGENCES] = {
            name: [entry for path in paths if path for entry in divergences_module.load(path, spec.clauses)]
            for name, paths in files.items()
        }
        if config.getoption("results") and not hasattr(config, "workerinput"):  # with xdist, the controller
            path = results_module.writable(Path(config.getoption("results")))
            config.pluginmanager.register(results_module.Collector(path, config, spec, loaded, config.stash[PROBLEMS]))
        reference = any(b.target.startswith("impls.reference") for b in loaded)
        if config.getoption("api_coverage") and not reference:
            raise ValueError("--api-coverage records the calls the tests make to the reference: add "
                             "--backend=reference")
        if reference and (config.getoption("api_coverage") or config.getoption("results")):
            path = None if hasattr(config, "workerinput") or not config.getoption("api_coverage") else \
                Path(config.getoption("api_coverage"))
            config.pluginmanager.register(apicoverage.Plugin(config, path), "global-step-api-coverage")
    except (registry.SpecError, BackendError, DivergenceFileError, ValueError) as exc:
        raise pytest.UsageError(str(exc)) from None


def _chosen_backends(config) -> str:
    """--backend, else $GLOBAL_STEP_BACKEND, else the default; given but empty is an error, never the default."""
    given = config.getoption("backend")
    if given is not None:
        if not given.strip():
            raise BackendError(f"--backend is empty; {backends_module.VALID}. Leave the option out for "
                               f"${backends_module.ENV_VAR} or the default ({backends_module.DEFAULT!r})")
        return given
    variable = os.environ.get(backends_module.ENV_VAR)
    if variable is not None:
        if not variable.strip():
            raise BackendError(f"{backends_module.ENV_VAR} is set but empty; {backends_module.VALID}. Unset it "
                               f"for the default ({backends_module.DEFAULT!r})")
        return variable
    return backends_module.DEFAULT


def pytest_report_header(config):
    spec = config.stash[SPEC]
    lines = [f"global-step-conformance: spec {spec.version} ({len(spec.clauses)} clauses)"]
    for backend in config.stash[BACKENDS]:
        known = len(config.stash[DIVERGENCES][backend.name])
        lines.append(f"  backend {backend.name} ({backend.surface}): {backend.target} version {backend.version}"
                     f" ({known} known divergence{'s' * (known != 1)})")
    settings_vars = {k: v for k, v in os.environ.items() if k in (backends_module.ENV_VAR, profiles.ENV_VAR)}
    lines.append(f"  hypothesis profile: {settings.get_current_profile_name()}; "
                 f"environment: {settings_vars or 'none set'}")
    return lines


# -- 2. collect -------------------------------------------------------------------------------------------
#: The fixture a test takes for each surface: ``backend`` (tf.compat.v1), ``counter`` (Keras-like) or ``tf2``
#: (TensorFlow 2's eager API).
FIXTURES = {"backend": "v1", "counter": "counter", "tf2": "tf2"}


class NotApplicable:
    """The parameter of a test whose surface no backend under test provides: deselected at collection."""

    def __repr__(self):
        return "n/a"


def pytest_generate_tests(metafunc):
    for fixture, surface in FIXTURES.items():
        if fixture not in metafunc.fixturenames:
            continue
        chosen = backends_module.by_surface(metafunc.config.stash[BACKENDS], surface)
        if not chosen:
            metafunc.parametrize(fixture, [NotApplicable()], ids=["n/a"], scope="session")
            continue
        wanted = metafunc.config.stash.get(BACKEND_FILTER, None)
        if wanted is not None:  # a plugin that runs each backend on some tests only (meta_tests.declared_only)
            clause_ids = _possible_clause_ids(metafunc.definition, metafunc.config.stash[SPEC])
            # Never an empty parametrisation (pytest would make a skipped item with no backend): one item that
            # the filtering plugin deselects later.
            chosen = [backend for backend in chosen if wanted(backend, clause_ids)] or chosen[:1]
        metafunc.parametrize(fixture, chosen, ids=[b.name for b in chosen], scope="session")


@pytest.hookimpl(trylast=True)  # after -k / -m deselection, so coverage sees what really runs
def pytest_collection_modifyitems(session, config, items):
    spec = config.stash[SPEC]
    absent = [item for item in items if isinstance(_parameter(item), NotApplicable)]
    if absent:  # tests of a surface no backend under test provides (the report shows their clauses as n/a)
        config.hook.pytest_deselected(items=absent)
        items[:] = [item for item in items if not isinstance(_parameter(item), NotApplicable)]
    used = set()
    for item in items:
        ids = _clause_ids(item, spec)
        item.stash[ITEM_CLAUSES] = ids
        item.user_properties.extend(("clause", clause_id) for clause_id in ids)
        backend = _backend_of(item)
        if backend is None:
            continue
        for entry in config.stash[DIVERGENCES][backend.name]:
            if entry.test == item.originalname:
                used.add(entry)
                if not entry.holds_for(backend):
                    continue
                if entry.clause not in ids:
                    raise pytest.UsageError(f"divergence {entry.origin} names clause {entry.clause} but "
                                            f"{item.nodeid} checks {', '.join(ids)}")
                item.add_marker(pytest.mark.xfail(strict=True, reason=f"{entry.why}: {entry.reason} [{entry.link}]"))
                item.stash[ITEM_DIVERGENCE] = entry
    if config.getoption("order") == "fail-fast":
        items[:] = fail_fast_order(items)
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: tell the controller each test's clauses
        config.workeroutput[results_module.WORKER_MAP] = {
            item.nodeid: {"clauses": list(item.stash[ITEM_CLAUSES]),
                          "backend": backend.name if (backend := _backend_of(item)) else None} for item in items}
    if config.getoption("replay"):
        _select_replays(config, items)
    elif _is_full_run(config):
        covered = {clause_id for item in items for clause_id in item.stash[ITEM_CLAUSES]}
        surfaces = {backend.surface for backend in config.stash[BACKENDS]}
        problems = config.stash[PROBLEMS]
        problems += [f"clause {c.id} ({c.level}) has no test: {c.text}" for c in spec.clauses.values()
                     if c.id not in covered and c.surface in surfaces]
        # An entry about a surface the backend does not provide (tensorflow.toml's v1 entries, for tf-keras's
        # tf2 surface) has no test to match there: not stale.
        provided = {name: {b.surface for b in config.stash[BACKENDS] if b.name == name}
                    for name in config.stash[DIVERGENCES]}
        problems += [f"known divergence {e.origin} matches no test: test {e.test!r} does not exist"
                     for name, entries in config.stash[DIVERGENCES].items() for e in entries
                     if e not in used and spec.clauses[e.clause].surface in provided[name]]


def fail_fast_order(items: list) -> list:
    """The tests marked slow last; before them and among them, rounds: round k holds the k-th parametrisation of
    every test function, and in each round the deterministic tests come first, then the Hypothesis tests.
    Stable otherwise.

    A defect that one parametrisation of a test catches is then found after one cheap pass over the suite, not
    after every parametrisation of the tests that come before it in file order, nor after the training tests
    (on TensorFlow they take 15 of the first pass's 18 seconds).
    """
    from hypothesis import is_hypothesis_test

    seen: dict[tuple, int] = {}
    keys = []
    for position, item in enumerate(items):
        function = (item.path, item.originalname) if hasattr(item, "originalname") else (item.nodeid,)
        round_ = seen[function] = seen.get(function, -1) + 1
        slow = item.get_closest_marker("slow") is not None
        keys.append((slow, round_, is_hypothesis_test(getattr(item, "obj", None)), position))
    return [items[key[-1]] for key in sorted(keys)]


def _select_replays(config, items) -> None:
    """Keep only the tests that failed in the --replay file, and remember their Hypothesis examples."""
    try:
        recorded = results_module.load(Path(config.getoption("replay")))
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None
    failed = {r["nodeid"]: r for r in recorded["results"] if r["verdict"] in verdicts.REPLAYABLE}
    keep = [item for item in items if item.nodeid in failed]
    config.hook.pytest_deselected(items=[item for item in items if item.nodeid not in failed])
    items[:] = keep
    for item in keep:
        item.stash[ITEM_RECORDED] = failed[item.nodeid]
        if replay := failed[item.nodeid]["replay"]:
            item.stash[ITEM_REPLAY] = (replay["hypothesis"], ast.literal_eval(replay["blob"]))


def _clause_ids(item, spec) -> tuple[str, ...]:
    ids = []
    for marker in item.iter_markers("clause"):
        for clause_id in marker.args:
            try:
                ids.append(spec.resolve(clause_id).id)
            except KeyError:
                raise pytest.UsageError(
                    f"{item.nodeid}: marker clause({clause_id!r}) names no clause in spec/clauses.toml"
                ) from None
    if not ids and set(FIXTURES) & set(item.fixturenames):
        raise pytest.UsageError(f"{item.nodeid}: a conformance test needs @pytest.mark.clause('GS-...')")
    return tuple(dict.fromkeys(ids))


def _possible_clause_ids(definition, spec) -> set[str]:
    """Every clause id a test function's items may check: its own markers' and its ``pytest.param`` marks'
    (canonical ids; an unknown id is reported later, by ``_clause_ids``)."""
    markers = list(definition.iter_markers("clause"))
    for parametrize in definition.iter_markers("parametrize"):
        values = parametrize.args[1] if len(parametrize.args) > 1 else parametrize.kwargs.get("argvalues", ())
        markers += [mark for value in values for mark in getattr(value, "marks", ()) if mark.name == "clause"]
    return {spec.aliases.get(clause_id, clause_id) for marker in markers for clause_id in marker.args}


def _parameter(item):
    callspec = getattr(item, "callspec", None)
    return next((callspec.params[f] for f in FIXTURES if f in callspec.params), None) if callspec else None


def _backend_of(item) -> Backend | None:
    """The backend (of either surface) a test runs on, or None for a test that takes none."""
    parameter = _parameter(item)
    return parameter if isinstance(parameter, Backend) else None


def _is_full_run(config) -> bool:
    """No -k, -m, --deselect or --lf, and each path given covers a whole test root (``testpaths``)."""
    option = config.option
    if option.keyword or option.markexpr or getattr(option, "deselect", None) or getattr(option, "lf", False):
        return False
    if config.args_source is not pytest.Config.ArgsSource.ARGS:
        return True
    roots = [Path(config.rootpath, root).resolve() for root in config.getini("testpaths")] or [config.rootpath]
    for arg in config.args:
        path = Path(config.invocation_params.dir, arg).resolve()
        if "::" in arg or not any(path == root or path in root.parents for root in roots):
            return False
    return True


# -- 3. run -----------------------------------------------------------------------------------------------
@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    token = current_clauses.set(item.stash.get(ITEM_CLAUSES, ()))
    backend = _backend_of(item)
    before = _default_graph(backend)
    replay = item.stash.get(ITEM_REPLAY, None)
    if replay is not None:  # read by @given at call time, as if @reproduce_failure(*replay) decorated the test
        item.obj._hypothesis_internal_use_reproduce_failure = replay
    programs, seconds = METER.reading(backend)
    try:
        return (yield)
    finally:
        programs_after, seconds_after = METER.reading(backend)
        item.stash[ITEM_METER] = (programs_after - programs, seconds_after - seconds)
        current_clauses.reset(token)
        if replay is not None:
            item.obj._hypothesis_internal_use_reproduce_failure = None
        after = _default_graph(backend)
        if after is not before:
            raise AssertionError(
                f"{item.nodeid} left {after!r} as the default graph (before the test it was {before!r}); "
                "every `as_default()` must be exited, or later tests see this graph"
            )


def _default_graph(backend: Backend | None):
    if backend is None or not backend.has("get_default_graph"):
        return None
    return backend.namespace.get_default_graph()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = _judge(item, call, (yield))
    if call.when == "call" or (call.when == "setup" and not report.passed):
        # Carried on the report, so that with pytest-xdist the controller receives it from the workers.
        clauses = tuple(item.config.stash[SPEC].clauses[c] for c in item.stash.get(ITEM_CLAUSES, ()))
        record = results_module.record(item, report, call, clauses, _backend_of(item))
        if call.when == "call" and ITEM_METER in item.stash:
            record["examples"], seconds = item.stash[ITEM_METER]
            record["backend_seconds"] = round(seconds, 4)
        if record["counterexample"] is None and ITEM_REPLAY in item.stash and record["verdict"] in verdicts.BAD:
            # Hypothesis prints no "Failing test case" when it replays a blob: the example is the recorded one.
            record["counterexample"] = item.stash[ITEM_RECORDED]["counterexample"]
            record["replay"] = item.stash[ITEM_RECORDED]["replay"]
        report.user_properties.append((results_module.PROPERTY, record))
    return report


def _judge(item, call, report):
    """Apply known divergences and informative clauses to a test's report."""
    if call.when != "call" or call.excinfo is None:
        return report
    entry = item.stash.get(ITEM_DIVERGENCE, None)
    if entry is not None and hasattr(report, "wasxfail"):
        problem = entry.explains(call.excinfo.value)
        if problem:
            del report.wasxfail
            report.outcome = "failed"
            report.divergence_problem = f"known divergence {entry.origin} does not describe this failure: {problem}"
            report.longrepr = (f"known divergence {entry.origin} does not describe this failure: {problem}\n\n"
                               f"{call.excinfo.exconly()}")
    elif report.failed and _informative_only(item):
        # Observed clauses describe what TF 2.21 happens to do: a difference is reported, never gating.
        report.outcome = "skipped"
        report.wasxfail = (f"informative: observed clause {', '.join(item.stash[ITEM_CLAUSES])} differs: "
                           f"{call.excinfo.exconly().splitlines()[0]}")
    return report


def _informative_only(item) -> bool:
    spec = item.config.stash[SPEC]
    clauses = item.stash.get(ITEM_CLAUSES, ())
    return bool(clauses) and not any(spec.clauses[clause_id].judged for clause_id in clauses)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    problems = config.stash.get(PROBLEMS, [])
    if problems:
        terminalreporter.section("spec coverage and known divergences", red=True)
        for problem in problems:
            terminalreporter.line(problem, red=True)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if session.config.stash.get(PROBLEMS, []) and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
