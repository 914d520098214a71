"""The API in scope (spec/api.json) against the installed libraries, and what the tests really pass of it."""

import copy
import subprocess
import sys

import pytest

from harness import apicoverage
from meta_tests.conftest import ROOT
from spec import api


def test_the_api_file_matches_the_installed_libraries():
    """spec/api.json is what the installed TensorFlow and Keras declare: python -m spec.api --check is clean."""
    pytest.importorskip("tensorflow")  # the selftest env has it; a bare env cannot read the libraries
    done = subprocess.run([sys.executable, "-m", "spec.api", "--check"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]


def test_a_parameter_added_or_removed_in_a_release_is_named_as_stale():
    """differences() names the API and the parameter that moved, and an API that appeared or went."""
    recorded = api.load()
    found = copy.deepcopy(recorded)
    minimize = found["surfaces"]["v1"]["train.Optimizer.minimize"]["params"]
    minimize.append({"name": "new_option", "kind": "positional_or_keyword", "default": "None"})
    del found["surfaces"]["tf2"]["function"]["params"][2]  # autograph
    del found["surfaces"]["counter"]["optimizers.SGD"]
    moved = api.differences(recorded, found)
    assert "v1: train.Optimizer.minimize(new_option) was added" in moved
    assert "tf2: function(autograph) was removed" in moved
    assert "counter: optimizers.SGD is in spec/api.json but not in the installed library" in moved


@pytest.mark.selftest
@pytest.mark.timeout(0)  # waits on a whole-suite run in the self-tests' pool: a loaded machine makes it slower
def test_every_parameter_in_scope_is_drawn_excluded_or_listed_as_pending(runs):
    """A ci-profile run of the reference passes every parameter in scope, bar exclusions and listed gaps."""
    run = runs.api_coverage.result()
    assert run.returncode == 0, run.output
    rules = apicoverage.load_rules()
    rows = apicoverage.judge(run.coverage, rules)
    unlisted, stale = apicoverage.pending(rows, rules)
    assert not unlisted, ("parameters in scope that no test passes and that spec/domains.toml neither excludes nor "
                          "lists as pending:\n" + "\n".join(f"  {r.key}({r.name}) {r.verdict} {r.missing_kinds}"
                                                            for r in unlisted))
    assert not stale, ("parameters listed as pending in spec/domains.toml that the tests now pass in every declared "
                       "kind (take them out of [[pending]]):\n" + "\n".join(f"  {r.key}({r.name})" for r in stale))


@pytest.mark.selftest
@pytest.mark.timeout(0)  # the same run
def test_no_test_passes_an_argument_the_real_api_does_not_take(runs):
    """Every recorded call binds to the real library's signature: the tests speak the real API."""
    run = runs.api_coverage.result()
    assert run.coverage["unknown"] == {}


def test_the_recorder_binds_positional_arguments_to_the_real_parameter_names():
    """A positional argument counts as the real signature's parameter; the reference's own calls do not count."""
    import impls.reference as tf1

    recorder = apicoverage.Recorder().install()
    try:
        g = tf1.Graph()
        with g.as_default():
            step = tf1.train.get_or_create_global_step()  # calls get_global_step inside: not the test's call
            tf1.train.MomentumOptimizer(0.1, 0.9, False, "m")
    finally:
        recorder.uninstall()
    seen = recorder.document()["seen"]
    assert seen["v1:train.MomentumOptimizer"] == {"learning_rate": ["float"], "momentum": ["float"],
                                                   "use_locking": ["bool"], "name": ["str"]}
    assert "v1:train.get_global_step" not in seen
    assert apicoverage.kind_of(step) == "variable"
    assert tf1.train.MomentumOptimizer.__init__.__qualname__.startswith("MomentumOptimizer")  # uninstalled


@pytest.mark.parametrize(("text", "message"), [
    ('[[exclude]]\napis = ["v1:*"]\nparams = ["x"]\nreason = "the reference ignores it"\n', "not a reason"),
    ('[[domain]]\napis = ["v1:*"]\nparams = ["x"]\n', "needs apis, params and why"),
    ('[[nonsense]]\n', "unknown sections"),
    ('[[exclude]\n', "domains.toml"),
])
def test_a_malformed_domains_file_is_refused_with_where_and_what_is_valid(tmp_path, text, message):
    """A bad record, section or TOML in spec/domains.toml raises DomainsFileError saying where and what."""
    path = tmp_path / "domains.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(apicoverage.DomainsFileError, match=message):
        apicoverage.load_rules(path)


def test_the_version_report_names_the_parameters_a_release_added(tmp_path):
    """harness.versions --signatures compares neighbouring releases' API dumps parameter by parameter."""
    import json

    from harness import versions

    newer = copy.deepcopy(api.load())
    older = copy.deepcopy(newer)
    older["surfaces"]["v1"]["train.Optimizer.apply_gradients"]["params"].pop()  # skip_gradients_aggregation
    (tmp_path / "api-2.9.json").write_text(json.dumps(older), encoding="utf-8")
    (tmp_path / "api-2.10.json").write_text(json.dumps(newer), encoding="utf-8")  # 2.10 sorts after 2.9
    lines = versions.signature_changes(tmp_path)
    assert lines[0] == "2.9 -> 2.10: 1 change(s)"
    assert "v1: train.Optimizer.apply_gradients(skip_gradients_aggregation) was added" in lines[1]
