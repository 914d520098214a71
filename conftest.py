"""Top-level conftest: loads the suite's pytest plugin. The logic lives in harness/plugin.py."""

pytest_plugins = ["harness.plugin"]
