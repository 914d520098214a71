"""Sessions keep the step's value in one process-wide slot keyed by its name, so all graphs share one count."""

import impls.reference as tf1
from impls.mutants import mutate

KILLED_BY = {"GS-HELPER-READS-VALUE": "fail", "GS-GRAPH-INDEPENDENT": "fail"}

_by_name = {}  # variable name -> value, for every session of every graph


class Session(tf1.Session):
    def _read(self, variable):
        if variable.name == "global_step:0" and variable.name in _by_name:
            return _by_name[variable.name]
        return super()._read(variable)

    def _write(self, variable, value):
        written = super()._write(variable, value)
        if variable.name == "global_step:0":
            _by_name[variable.name] = written
        return written


api = mutate(tf1, Session=Session)
