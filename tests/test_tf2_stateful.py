"""TensorFlow 2's own counters, the backend and the reference model driven side by side (group "tf2").

The rules are what a TF2 training program does with its step counters: make a ``tf.Variable`` counter in any
of the ways the constructor takes, define training steps that increment it (eagerly, as a tf.function with any
option, as a concrete function, as a tf.Module's method; with any form of increment), define steps that apply
gradients with a Keras optimizer, call any step with inputs that retrace, set a counter, save everything with
tf.train.Checkpoint (save or write) and restore it later. Each rule runs twice, through a ``Program`` on the
backend and through one on the reference (as Hypothesis's ``DatabaseComparison`` drives several databases);
after every rule every counter and every optimizer's ``iterations`` are compared with the model's.
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from harness import assertions as ah
from harness import backends, profiles
from harness.outcomes import checking, clauses, machine_clauses
from harness.program import Program
from tests import eager as eg

SIDES = ("real", "model")


class Pair:
    """One object on both sides."""

    def __init__(self, label: str, **sides):
        self.label, self.sides = label, sides

    def __repr__(self):
        return self.label


class Tf2Machine(RuleBasedStateMachine):
    def __init__(self, tf2):
        super().__init__()
        self.p = {"real": Program(tf2), "model": Program(backends.resolve("reference")[2])}
        self.counters: list[Pair] = []
        self.optimizers: list[Pair] = []
        self.steps: list[Pair] = []
        self.trained: list[Pair] = []  # each step's trained variable w
        self.saves: list[tuple[Pair, dict, str]] = []  # (checkpoint, side -> path, "save" or "write")
        self.folders = {side: self.p[side].define("import tempfile\nfolder = tempfile.mkdtemp()", "folder")
                        for side in SIDES}

    def teardown(self):
        for folder in self.folders.values():
            shutil.rmtree(folder, ignore_errors=True)

    def _both(self, label: str, make) -> Pair:
        return Pair(label, **{side: make(self.p[side]) for side in SIDES})

    @staticmethod
    def _pairs(made: dict, *labels: str) -> list[Pair]:
        """A Pair per label, from ``made``: side -> the objects made on that side, in the order of ``labels``."""
        return [Pair(label, **{side: made[side][i] for side in SIDES}) for i, label in enumerate(labels)]

    @initialize()
    def first(self):
        self.counters.append(self._both("counter0", lambda p: eg.make_counter(p)))

    @rule(counter=eg.counters, start=st.integers(0, 2**40))
    @clauses("TF2-VAR-CREATE-AT-ZERO", "TF2-VAR-CREATE-INT64")
    def new_counter(self, counter, start):
        counter = eg.Counter(start=start, initial=counter.initial, dtype=counter.dtype, name=counter.name,
                             options=counter.options, on_read=counter.on_read)
        self.counters.append(self._both(f"counter{len(self.counters)}", lambda p: eg.make_counter(p, counter)))

    @rule(data=st.data(), run=st.sampled_from(eg.RUNS), increment=st.sampled_from(eg.INCREMENTS))
    @clauses("TF2-VAR-ADDS-ONE-PER-CALL")
    def new_step(self, data, run, increment):
        counter = data.draw(st.sampled_from(self.counters), label="counter")
        body = ("  with tf.GradientTape() as tape:\n"
                "    loss = tf.reduce_sum({w} * x) * scale\n"
                "  {w}.assign_sub(0.01 * tape.gradient(loss, {w}))\n"
                "  " + increment.format(s="{global_step}") + "\n  return loss\n")

        def make(p, side):
            w = p.eval("tf.Variable(1.0)", as_="w")
            return w, eg.define_step(p, run, body, {"global_step": p.ref(counter.sides[side]), "w": p.ref(w)},
                                     name=f"step{len(self.steps)}")

        w, step = self._pairs({side: make(self.p[side], side) for side in SIDES}, f"w{len(self.trained)}",
                              f"step{len(self.steps)}")
        self.trained.append(w)
        self.steps.append(step)

    @rule(optimizer=st.sampled_from(eg.OPTIMIZERS), run=st.sampled_from(eg.RUNS))
    @clauses("TF2-ITERATIONS-IN-FUNCTION")
    def new_optimizer_step(self, optimizer, run):
        label = f"optimizer{len(self.optimizers)}"

        def make(p):
            opt = p.eval(f"tf.keras.optimizers.{optimizer}(0.01)", as_="optimizer")
            w = p.eval("tf.Variable(1.0)", as_="w")
            step = eg.define_step(p, run, "  with tf.GradientTape() as tape:\n"
                                          "    loss = tf.reduce_sum({w} * x) * scale\n"
                                          "  {optimizer}.apply_gradients(zip(tape.gradient(loss, [{w}]), [{w}]))\n"
                                          "  return loss\n", {"optimizer": p.ref(opt), "w": p.ref(w)},
                                  name=f"step{len(self.steps)}")
            return opt, w, step

        opt, w, step = self._pairs({side: make(self.p[side]) for side in SIDES}, label, f"w{len(self.trained)}",
                                   f"step{len(self.steps)}")
        self.optimizers.append(opt)
        self.trained.append(w)
        self.steps.append(step)

    @precondition(lambda self: self.steps)
    @rule(data=st.data(), feed=eg.INPUTS, times=st.integers(1, 3))
    @clauses("TF2-VAR-ADDS-ONE-PER-CALL", "TF2-ITERATIONS-IN-FUNCTION")
    def call(self, data, feed, times):
        step = data.draw(st.sampled_from(self.steps), label="step")
        length, scale = feed
        for _ in range(times):
            for side in SIDES:
                p = self.p[side]
                p.eval(f"{p.ref(step.sides[side])}({eg.feed(length)}, {scale})", as_="loss")

    @rule(data=st.data(), value=st.integers(0, 2**40))
    @clauses("TF2-VAR-READ-BEFORE-INCREMENT")
    def assign(self, data, value):
        counter = data.draw(st.sampled_from(self.counters), label="counter")
        for side in SIDES:
            self.p[side].method(counter.sides[side], "assign", value)

    @rule(how=st.sampled_from(["save", "write"]))
    @clauses("TF2-CHECKPOINT-RESTORES")
    def save(self, how):
        number = len(self.saves)

        def make(p, side):
            objects = [*(f"c{i}={p.ref(c.sides[side])}" for i, c in enumerate(self.counters)),
                       *(f"o{i}={p.ref(o.sides[side])}" for i, o in enumerate(self.optimizers))]
            checkpoint = p.eval(f"tf.train.Checkpoint({', '.join(objects)})", as_="checkpoint")
            prefix = f"{p.ref(self.folders[side])} + '/ckpt{number}'"
            path = p.eval(f"{p.ref(checkpoint)}.{how}({prefix})", as_="path")
            return checkpoint, path

        checkpoint, paths = self._pairs({side: make(self.p[side], side) for side in SIDES}, f"checkpoint{number}",
                                        f"path{number}")
        self.saves.append((checkpoint, paths.sides, how))

    @precondition(lambda self: self.saves)
    @rule(data=st.data())
    @clauses("TF2-CHECKPOINT-RESTORES")
    def restore(self, data):
        checkpoint, paths, how = data.draw(st.sampled_from(self.saves), label="save")
        for side in SIDES:
            p = self.p[side]
            status = p.method(checkpoint.sides[side], "read" if how == "write" else "restore", paths[side],
                              as_="status")
            p.method(status, "expect_partial")

    @invariant()
    def counts_agree(self):
        """Every counter and every optimizer's iterations read what the model's do."""
        real = self.p["real"]
        with checking("TF2-VAR-ADDS-ONE-PER-CALL"):
            for counter in self.counters:
                values = [int(np.asarray(self.p[side].method(counter.sides[side], "numpy", as_="count")))
                          for side in SIDES]
                ah.assert_equal(real, f"int({real.current('count')})", values[0], values[1])
        with checking("TF2-ITERATIONS-IN-FUNCTION"):
            for opt in self.optimizers:
                values = [int(np.asarray(self.p[side].method(self.p[side].attr(opt.sides[side], "iterations"),
                                                             "numpy", as_="count"))) for side in SIDES]
                ah.assert_equal(real, f"int({real.current('count')})", values[0], values[1])

    @invariant()
    @clauses("TF2-APPLY-UPDATES-VARIABLES")
    def trained_variables_agree(self):
        """Every step's trained variable holds what the model's does: each call trained it once, by its rule."""
        real = self.p["real"]
        with checking("TF2-APPLY-UPDATES-VARIABLES"):
            for w in self.trained:
                values = [float(np.asarray(self.p[side].method(w.sides[side], "numpy", as_="value"))) for side in SIDES]
                ah.assert_close(real, f"[float({real.current('value')})]", [values[0]], [values[1]], rtol=1e-4)


CLAUSES = machine_clauses(Tf2Machine)


@pytest.mark.clause(*CLAUSES)
@pytest.mark.slow
def test_tf2_counters_agree_with_the_reference_model(tf2):
    """Counters, steps run every way, calls, assigns, saves and restores count as the model does."""
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(lambda: Tf2Machine(tf2), settings=profiles.stateful(3, 15))

