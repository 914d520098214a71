"""The suite's engine: backend loading, the recording Program, assertion helpers and the pytest plugin."""

__version__ = "0.12.0"  # the suite's version; pyproject.toml carries the same (checked by meta_tests)
