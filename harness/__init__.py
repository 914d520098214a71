"""The suite's engine: backend loading, the recording Program, assertion helpers and the pytest plugin."""
