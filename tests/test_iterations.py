"""A Keras optimizer's `iterations`, the first migration the page names (spec group "iterations": IT-*).

"Create a Keras optimizer, which generates an `iterations` variable. This variable is automatically incremented
when calling `apply_gradients`." Every test draws the optimizer (tests/counters.py), and where it applies,
constant gradients of every kind, any number and shape of variables, and each way of passing the pairs.
"""

import contextlib
import dataclasses
import math

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from harness import assertions as ah
from harness.outcomes import MissingAPI, checking
from harness.program import Program
from tests import counters as ct
from tests import scenarios as sc

#: The page's own call, on one scalar variable: SGD, apply_gradients(zip(grads, var_list)), gradient -3.
PAGE = (((),), [ct.Call(("dense",), "zip", -3.0)])


@pytest.mark.clause("IT-CREATE-AT-ZERO")
@given(optimizer=ct.optimizers, built=st.booleans(), variables=ct.shapes, options=ct.options())
@example(optimizer="SGD", built=False, variables=((),), options=ct.Options())
@example(optimizer="Adam", built=True, variables=((2,),), options=ct.EVERYTHING)
def test_a_new_optimizer_counts_zero(counter, optimizer, built, variables, options):
    """`iterations` reads 0 right after the optimizer is made, and after it is built."""
    p = Program(counter)
    opt = ct.make_optimizer(p, counter, optimizer, options=options)
    if built:
        p.method(opt, "build", ct.make_variables(p, variables))
    ct.assert_count(p, opt, 0)


#: Global dtype policies (``keras.mixed_precision.set_global_policy``): they change the dtype of the layers'
#: variables, never the counter's. A backend without the API runs under its default.
POLICIES = (None, "mixed_float16", "mixed_bfloat16")


@contextlib.contextmanager
def policy(p, counter, name):
    """``keras.mixed_precision.set_global_policy(name)`` for the block, "float32" again after it."""
    if name is None or not counter.has("mixed_precision.set_global_policy"):
        yield
        return
    p.call("mixed_precision.set_global_policy", name)
    try:
        yield
    finally:
        p.call("mixed_precision.set_global_policy", "float32")


@pytest.mark.clause("IT-CREATE-SCALAR-INT", "IT-CREATE-NOT-TRAINABLE")
@given(optimizer=ct.optimizers, applied=st.integers(0, 2), options=ct.options(),
       dtype_policy=st.sampled_from(POLICIES))
@example(optimizer="Adam", applied=0, options=ct.Options(), dtype_policy=None)
@example(optimizer="SGD", applied=2, options=ct.EVERYTHING, dtype_policy="mixed_float16")
def test_iterations_is_a_non_trainable_integer_scalar(counter, optimizer, applied, options, dtype_policy):
    """`iterations` is an integer scalar, not trainable, before and after applies, under any dtype policy."""
    p = Program(counter)
    with policy(p, counter, dtype_policy):
        opt = ct.make_optimizer(p, counter, optimizer, options=options)
        variables = ct.make_variables(p, [(2,)])
        for _ in range(applied):
            ct.apply(p, opt, variables, ct.Call(("dense",)))
    iterations = p.attr(opt, "iterations")
    with checking("IT-CREATE-SCALAR-INT"):
        shape = tuple(p.attr(iterations, "shape"))
        ah.assert_equal(p, f"tuple({p.ref(opt)}.iterations.shape)", shape, ())
        value = p.call("ops.convert_to_numpy", iterations, as_="count")
        ah.assert_equal(p, "count.dtype.kind in 'iu'", np.asarray(value).dtype.kind in "iu", True)
        ah.assert_equal(p, f"int({p.current('count')})", int(np.asarray(value)), applied)
    with checking("IT-CREATE-NOT-TRAINABLE"):
        ah.assert_equal(p, f"{p.ref(opt)}.iterations.trainable", p.attr(iterations, "trainable"), False)


@pytest.mark.clause("IT-IDEM-SAME-OBJECT")
@given(optimizer=ct.optimizers, built=st.booleans(), applied=st.integers(0, 3), options=ct.options(),
       thread=st.booleans())
@example(optimizer="SGD", built=False, applied=1, options=ct.Options(), thread=False)
@example(optimizer="RMSprop", built=True, applied=2, options=ct.EVERYTHING, thread=True)
def test_reading_iterations_again_gives_the_same_object(counter, optimizer, built, applied, options, thread):
    """`iterations` read before and after a build and applies, here or in another thread, is one object."""
    p = Program(counter)
    opt = ct.make_optimizer(p, counter, optimizer, options=options)
    first = p.eval(f"{p.ref(opt)}.iterations", as_="first")
    variables = ct.make_variables(p, [()])
    if built:
        p.method(opt, "build", variables)
    for _ in range(applied):
        ct.apply(p, opt, variables, ct.Call(("dense",)))
    again = (sc.in_another_thread(p, f"{p.ref(opt)}.iterations", as_="again") if thread
             else p.eval(f"{p.ref(opt)}.iterations", as_="again"))
    ah.assert_is(p, "again", again, first)


@pytest.mark.clause("IT-READ-AS-NUMBER")
@given(optimizer=ct.optimizers, applied=st.integers(0, 5), permille=st.none() | st.integers(0, 1000),
       options=ct.options())
@example(optimizer="RMSprop", applied=3, permille=None, options=ct.Options())
@example(optimizer="SGD", applied=1, permille=1000, options=ct.EVERYTHING)
def test_iterations_converts_to_the_count(counter, optimizer, applied, permille, options):
    """`ops.convert_to_numpy(opt.iterations)` is a 0-d integer array of the count, anywhere in its dtype."""
    p = Program(counter)
    opt = ct.make_optimizer(p, counter, optimizer, options=options)
    variables = ct.make_variables(p, [(2,)])
    ct.assert_count(p, opt, 0)
    first = 0
    if permille is not None:  # a count anywhere the counter's own dtype holds it: permille of (largest - applied)
        dtype = p.attr(p.attr(opt, "iterations"), "dtype")  # the variable's own: "int64", or a tf.DType
        top = int(np.iinfo(np.dtype(getattr(dtype, "as_numpy_dtype", dtype))).max)
        first = (top - applied) * permille // 1000
        p.method(p.attr(opt, "iterations"), "assign", first)
    for _ in range(applied):
        ct.apply(p, opt, variables, ct.Call(("dense",)))
    value = p.call("ops.convert_to_numpy", p.attr(opt, "iterations"), as_="count")
    ah.assert_equal(p, "count.ndim", np.ndim(value), 0)
    ah.assert_equal(p, f"int({p.current('count')})", int(value), first + applied)


def every_clip(test):
    """``test`` with an explicit example per clipping option (ct.CLIPS), over gradients that are all zero, not
    finite or missing: each option scales by a norm or bounds each value, its own code path where the norm is 0 or
    not finite, so each runs on every seed."""
    calls = [ct.Call(("zero", "zero"), "list", 1.0), ct.Call(("nan", "dense"), "tuple", 1.0),
             ct.Call(("inf", "none"), "generator", 1.0), ct.Call(("zero", "none"), "zip", 1.0),
             ct.Call(("dense", "dense"), "list", 2.0)]
    for optimizer, clip in zip(("SGD", "Adam", "RMSprop"), ct.CLIPS, strict=True):
        test = example(optimizer=optimizer, training=(((2,), (2, 3)), calls), options=ct.Options(clip=(clip, 1.0)),
                       dtypes=("float32",))(test)
    return test


@pytest.mark.clause("IT-APPLY-ADDS-ONE")
@given(optimizer=ct.optimizers, training=ct.trainings(), options=ct.options(),
       dtypes=st.lists(st.sampled_from(ct.FLOATS), min_size=1, max_size=3).map(tuple))
@every_clip
@example(optimizer="SGD", training=PAGE, options=ct.Options(), dtypes=("float32",))
@example(optimizer="Adam", training=(((2,), (), (2, 3)), [ct.Call(("dense", "none", "zero"), "generator", 2.0),
                                                        ct.Call(("nan", "inf", "none"), "tuple", 1.0),
                                                        ct.Call(("zero", "zero", "zero"), "list", 1.0)]),
         options=ct.EVERYTHING, dtypes=("float16", "float64", "float32"))
def test_each_apply_gradients_call_adds_one(counter, optimizer, training, options, dtypes):
    """After the k-th apply_gradients call `iterations` reads k, whatever variables, gradients, options."""
    _each_call_adds_one(counter, optimizer, training, options, dtypes)


@pytest.mark.clause("IT-APPLY-ADDS-ONE")
@given(optimizer=ct.optimizers, training=ct.trainings(containers=ct.CONTAINERS), options=ct.options(),
       dtypes=st.lists(st.sampled_from(ct.FLOATS), min_size=1, max_size=2).map(tuple))
@example(optimizer="RMSprop", training=(((2,), ()), [ct.Call(("dense", "dense"), "zip", 0.5, "array"),
                                                    ct.Call(("dense", "none"), "list", 2.0, "array"),
                                                    ct.Call(("zero", "dense"), "apply", 1.0, "array")]),
         options=ct.Options(clip=("global_clipnorm", 1.0)), dtypes=("float32",))
@example(optimizer="SGD", training=(((),), [ct.Call(("dense",), "tuple", 1.0, "array")]), options=ct.EVERYTHING,
         dtypes=("float64",))
def test_gradients_given_as_numpy_arrays_count_as_tensors_do(counter, optimizer, training, options, dtypes):
    """A call whose gradients are NumPy arrays adds one, as a call with tensors does."""
    _each_call_adds_one(counter, optimizer, training, options, dtypes)


def _each_call_adds_one(counter, optimizer, training, options, dtypes):
    p = Program(counter)
    shapes, calls = training
    if options.clip and options.clip[0] == "global_clipnorm":
        dtypes = dtypes[:1]  # Keras 3 on TensorFlow cannot take one norm over float16 and float32 gradients
    opt = ct.make_optimizer(p, counter, optimizer, options=options)
    variables = ct.make_variables(p, shapes, ct.floats_for(optimizer, dtypes))
    for done, call in enumerate(calls, start=1):
        ct.apply(p, opt, variables, call)
        ct.assert_count(p, opt, done)


@pytest.mark.clause("IT-APPLY-ADDS-ONE")
@pytest.mark.parametrize("optimizer", ct.NAMES)  # every optimizer's every option, on every seed
@given(clip=st.sampled_from(ct.CLIPS), rate=st.sampled_from(ct.RATES), calls=st.integers(1, 4))
@example(clip="clipnorm", rate="float", calls=2)
def test_an_optimizer_with_every_base_option_counts_each_call(counter, optimizer, clip, rate, calls):
    """Made with every base option and its own at once (a backend lacking one: missing), k calls give k."""
    p = Program(counter)
    options = ct.Options(rate=rate, weight_decay=0.01, clip=(clip, 1.0), ema=(0.5, 2), loss_scale_factor=2.0,
                         name="my_optimizer", tuned=True)
    opt = ct.make_optimizer(p, counter, optimizer, options=options, strict=True)
    variables = ct.make_variables(p, [(2,), ()])
    for done in range(1, calls + 1):
        ct.apply(p, opt, variables, ct.Call(("dense", "dense"), "list", 2.0))
        ct.assert_count(p, opt, done)


@pytest.mark.clause("IT-APPLY-ADDS-ONE")
@given(optimizer=ct.optimizers, options=ct.options(), calls=st.lists(st.booleans(), min_size=1, max_size=5))
@example(optimizer="SGD", options=ct.Options(), calls=[True, False, True])
def test_apply_counts_as_apply_gradients_does(counter, optimizer, options, calls):
    """Keras 3's apply(grads, variables), or apply(grads) once built, adds 1 per call like apply_gradients."""
    p = Program(counter)
    opt = ct.make_optimizer(p, counter, optimizer, options=options)
    variables = ct.make_variables(p, [(2,), ()])
    if not hasattr(opt, "apply"):  # a backend without it (Keras 2) lacks the API: missing, not failing
        raise MissingAPI(f"backend {counter.name!r} lacks keras.optimizers.{optimizer}.apply (Keras 3's "
                         "apply(grads, trainable_variables)); the clause cannot be checked through it")
    for done, with_variables in enumerate(calls, start=1):
        grads = [p.call("ops.convert_to_tensor", np.full(v.shape, 2.0).tolist(), dtype="float32", as_="g")
                 for v in variables]
        if with_variables or done == 1:  # the first call builds it
            p.method(opt, "apply", grads, variables)
        else:
            p.method(opt, "apply", grads)
        ct.assert_count(p, opt, done // options.accumulation if options.accumulation else done)


@pytest.mark.clause("IT-ACCUMULATION-COUNTS-UPDATES")
@pytest.mark.parametrize("optimizer", ct.NAMES)
@given(options=ct.options(accumulation=True), calls=st.integers(1, 8))
@example(options=ct.Options(accumulation=3), calls=5)
@example(options=ct.Options(accumulation=2, weight_decay=0.01, clip=("clipnorm", 1.0)), calls=4)
def test_with_gradient_accumulation_iterations_counts_the_updates(counter, optimizer, options, calls):
    """With gradient_accumulation_steps=n, k calls read k // n; only every n-th call trains."""
    check_accumulated_counts(counter, optimizer, options, calls)


@pytest.mark.clause("IT-ACCUMULATION-COUNTS-UPDATES")
@given(optimizer=ct.optimizers, options=ct.options(accumulation=True), calls=st.integers(1, 8))
@example(optimizer="SGD", options=ct.Options(accumulation=2), calls=5)
def test_a_loss_scale_wrapper_reads_the_updates_its_accumulating_optimizer_applied(counter, optimizer, options, calls):
    """LossScaleOptimizer(opt) with gradient_accumulation_steps=n in opt reads k // n after k calls."""
    check_accumulated_counts(counter, optimizer, options, calls, wrapped=True)


def check_accumulated_counts(counter, optimizer: str, options: ct.Options, calls: int, *, wrapped: bool = False):
    """``calls`` applies through an optimizer made with ``options`` (accumulating), or through a LossScaleOptimizer
    around it: each reads the updates applied, and only every n-th call moves the variable."""
    p = Program(counter)
    opt = ct.make_optimizer(p, counter, optimizer, options=options, strict=True)
    if wrapped:  # the wrapper reads its inner optimizer's count: the updates, not the calls
        opt = ct.make_loss_scale(p, counter, opt, {"initial_scale": 1.0})  # its default 2**15 hides the updates
    (v,) = variables = ct.make_variables(p, [(2,)])
    before = p.call("ops.convert_to_numpy", v, as_="value").tolist()
    for done in range(1, calls + 1):
        ct.apply(p, opt, variables, ct.Call(("dense",), "list", 2.0))
        ct.assert_count(p, opt, done // options.accumulation)
        after = p.call("ops.convert_to_numpy", v, as_="value").tolist()
        # Averages may overwrite the variables on any call; a rate of 0.0 moves nothing.
        if not options.ema and (options.rate == "default" or options.rate_value):
            changed = done % options.accumulation == 0
            ah.assert_equal(p, f"{p.current('value')}.tolist() != {before!r}", after != before, changed)
        before = after


@pytest.mark.clause("IT-APPLY-NOTHING-NO-COUNT")
@given(optimizer=ct.optimizers, before=st.integers(0, 2), nothing=st.sampled_from(["empty", "all None"]),
       form=st.sampled_from(ct.PAIR_FORMS), variables=ct.shapes, options=ct.options())
@example(optimizer="SGD", before=0, nothing="empty", form="list", variables=((),), options=ct.Options())
@example(optimizer="SGD", before=1, nothing="all None", form="zip", variables=((), (2,)), options=ct.EVERYTHING)
def test_a_call_that_applies_nothing_does_not_count(counter, optimizer, before, nothing, form, variables, options):
    """apply_gradients with no pair or only None gradients may raise, never counts; the next call does."""
    p = Program(counter)
    opt = ct.make_optimizer(p, counter, optimizer, options=options)
    trained = ct.make_variables(p, variables)
    for _ in range(before):
        ct.apply(p, opt, trained, ct.Call(("dense",) * len(trained)))
    if nothing == "empty":
        pairs = p.eval({"zip": "zip([], [])", "list": "[]", "tuple": "()", "generator": "(x for x in [])",
                        "apply": "[]"}[form], as_="pairs")
        p.tolerate(opt, "apply_gradients", pairs)
    else:
        ct.apply(p, opt, trained, ct.Call(("none",) * len(trained), form), tolerate=True)
    ct.assert_count(p, opt, before)
    ct.apply(p, opt, trained, ct.Call(("dense",) * len(trained)))
    ct.assert_count(p, opt, before + 1)


@pytest.mark.clause("IT-INSTANCES-INDEPENDENT")
@given(first=ct.optimizers, second=ct.optimizers, order=st.lists(st.booleans(), max_size=8),
       options=st.tuples(ct.options(), ct.options()))
@example(first="SGD", second="SGD", order=[True, True, False], options=(ct.Options(), ct.Options()))
@example(first="Adam", second="Adam", order=[False, True, True], options=(ct.EVERYTHING, ct.EVERYTHING))
def test_two_optimizers_count_independently(counter, first, second, order, options):
    """Two optimizers applied in any order each count their own calls (same names too)."""
    p = Program(counter)
    opts = [ct.make_optimizer(p, counter, first, as_="opt_a", options=options[0]),
            ct.make_optimizer(p, counter, second, as_="opt_b", options=options[1])]
    variables = [ct.make_variables(p, [(2,)]), ct.make_variables(p, [()])]
    done = [0, 0]
    for which in order:
        ct.apply(p, opts[which], variables[which], ct.Call(("dense",)))
        done[which] += 1
        for other in (0, 1):
            ct.assert_count(p, opts[other], done[other])


@pytest.mark.clause("IT-BUILD-KEEPS-COUNT")
@given(optimizer=ct.optimizers, preset=st.integers(0, 50), explicit=st.booleans(), before=st.integers(0, 3),
       refused=st.sampled_from(["new variable", "all None", "too few gradients"]), options=ct.options())
@example(optimizer="SGD", preset=0, explicit=True, before=2, refused="new variable", options=ct.Options())
@example(optimizer="Adam", preset=41, explicit=False, before=1, refused="all None", options=ct.EVERYTHING)
@example(optimizer="SGD", preset=3, explicit=True, before=1, refused="too few gradients", options=ct.Options())
@example(optimizer="UserMomentum", preset=7, explicit=False, before=2, refused="new variable", options=ct.Options())
def test_building_and_refused_calls_keep_the_count(counter, optimizer, preset, explicit, before, refused, options):
    """A count set before the build survives it (explicit or by the first apply); a refused call keeps it."""
    p = Program(counter)
    opt = ct.make_optimizer(p, counter, optimizer, options=options)
    variables = ct.make_variables(p, [(2,), ()])
    if preset:
        p.method(p.attr(opt, "iterations"), "assign", preset)  # as a restored training loop does
    if explicit:
        p.method(opt, "build", variables)
    ct.assert_count(p, opt, preset)
    before = before if explicit else max(before, 1)  # without build(), the first apply builds it
    for _ in range(before):
        ct.apply(p, opt, variables, ct.Call(("dense", "dense")))
    if refused == "new variable":
        stranger = p.call("Variable", [1.0, 1.0], dtype="float32", name="stranger", as_="stranger")
        ct.apply(p, opt, [stranger], ct.Call(("dense",)), tolerate=True)
    elif refused == "too few gradients" and hasattr(opt, "apply"):  # apply(grads) pairs them with what it was built on
        grads = p.eval(f"[{p.ref(ct.gradient(p, 'dense', (2,), 1.0))}]", as_="grads")
        p.tolerate(opt, "apply", grads)
    else:  # all None (and too few gradients for a backend without Keras 3's apply)
        ct.apply(p, opt, variables, ct.Call(("none", "none")), tolerate=True)
    ct.assert_count(p, opt, preset + before)


#: A schedule a user writes: Keras's base class, ``__call__(step)`` over keras.ops (0 while the count is at most
#: ``boundary``, then 1), as PiecewiseConstantDecay([boundary], [0, 1]) is.
USER_SCHEDULE = '''
class Staircase(keras.optimizers.schedules.LearningRateSchedule):
  """0.0 while the count is at most boundary, then 1.0."""
  def __init__(self, boundary):
    self.boundary = boundary
  def __call__(self, step):
    return keras.ops.where(keras.ops.greater(step, self.boundary), 1.0, 0.0)
  def get_config(self):
    return {"boundary": self.boundary}
'''


@pytest.mark.clause("IT-APPLY-AFTER-UPDATE")
@given(optimizer=st.sampled_from(ct.ZERO_RATE_SAFE), boundary=st.integers(0, 4), calls=st.integers(1, 6),
       options=ct.options(rates=("schedule",)), user=st.booleans())
@example(optimizer="SGD", boundary=0, calls=2, options=ct.Options(), user=False)
@example(optimizer="Adam", boundary=1, calls=3,
         options=ct.Options(weight_decay=0.5, ema=(0.5, 1), clip=("clipnorm", 1.0)), user=True)
def test_a_schedule_sees_the_count_before_the_increment(counter, optimizer, boundary, calls, options, user):
    """With lr = 0 while the count is at most b, else 1 (any schedule), call k moves v only if k - 1 > b."""
    if options.ema and options.ema[1] not in (None, 1):  # an overwrite every n > 1 calls can land v back where it
        options = dataclasses.replace(options, ema=(options.ema[0], 1))  # was (its timing: the test of the update)
    p = Program(counter)
    if user and counter.has("optimizers.schedules.LearningRateSchedule") and counter.has("ops.where"):
        p.define(USER_SCHEDULE, "Staircase")
        schedule = p.eval(f"Staircase({boundary})", as_="schedule")
    else:  # a backend without the base class (Keras 2's ops, the optax facade) gets Keras's own schedule
        schedule = p.call("optimizers.schedules.PiecewiseConstantDecay", [boundary], [0.0, 1.0], as_="schedule")
    opt = ct.make_optimizer(p, counter, optimizer, options=options, learning_rate=schedule)
    (v,) = variables = [p.call("Variable", 0.0, dtype="float32", name="v", as_="v")]
    value = 0.0
    for k in range(1, calls + 1):
        ct.apply(p, opt, variables, ct.Call(("dense",), "list", 1.0))
        before, value = value, float(p.call("ops.convert_to_numpy", v, as_="value"))
        ah.assert_equal(p, f"float(value) != {before!r}", value != before, k - 1 > boundary)
        ah.assert_equal(p, "math.isfinite(float(value))", math.isfinite(value), True)  # a rate of 1, not nan


@pytest.mark.clause("IT-APPLY-UPDATES-VARIABLES")
@given(optimizer=st.sampled_from(["SGD", "UserMomentum"]), options=ct.options(),
       accumulation=st.none() | st.just(0) | st.integers(2, 3), dtype=st.sampled_from(ct.FLOATS),
       gradients=st.lists(st.sampled_from([-3.0, -0.5, 0.25, 2.0, 4.0]), min_size=1, max_size=8))
@example(optimizer="SGD", options=ct.EVERYTHING, accumulation=None, dtype="float32", gradients=[2.0, -0.5, 4.0])
# Accumulation with the EMA (which moves on every call, reading the updates applied) and with a schedule (called
# with the raw count of calls): each only shows after a few updates.
@example(optimizer="UserMomentum", options=ct.Options(ema=(0.5, 2), clip=("global_clipnorm", 1.0)), accumulation=2,
         dtype="float64", gradients=[2.0, 4.0, -3.0, 0.25, 2.0, 4.0, -0.5, 2.0])
@example(optimizer="SGD", options=ct.Options(rate="schedule"), accumulation=2, dtype="float64",
         gradients=[2.0, 4.0, -3.0, 0.25, 2.0, 4.0])
@example(optimizer="SGD", options=ct.Options(ema=(0.5, 2), clip=("clipnorm", 1.0)), accumulation=2, dtype="float64",
         gradients=[4.0, -0.5, -3.0, 0.25, 2.0, 4.0, -0.5, 2.0])  # the mean of 4 and -0.5 is clipped, not each
# 0 and Python ints: a clip of 0 is off, an int clip clips, a rate of 0.0 moves nothing, 0 steps is no accumulation.
@example(optimizer="SGD", options=ct.Options(clip=("clipnorm", 0), ema=(0, 0)), accumulation=0, dtype="float32",
         gradients=[2.0, -3.0])
@example(optimizer="UserMomentum", options=ct.Options(clip=("global_clipnorm", 1), weight_decay=0, loss_scale_factor=2),
         accumulation=None, dtype="float64", gradients=[4.0, -3.0])
@example(optimizer="SGD", options=ct.Options(clip=("clipnorm", 1)), accumulation=None, dtype="float32", gradients=[2.0])
@example(optimizer="SGD", options=ct.Options(rate_value=0.0, clip=("clipvalue", 0.0), weight_decay=0.5),
         accumulation=None, dtype="float32", gradients=[2.0])
@example(optimizer="SGD", options=ct.Options(clip=("clipnorm", 1.0), loss_scale_factor=0.5), accumulation=None,
         dtype="float16", gradients=[4.0])
@example(optimizer="SGD", options=ct.Options(rate="default", clip=("clipnorm", 0.1), ema=(None, 3)), accumulation=None,
         dtype="float32", gradients=[0.25, -3.0, 2.0, 0.25])
@example(optimizer="SGD", options=ct.Options(clip=("global_clipnorm", 0.1)), accumulation=None, dtype="float64",
         gradients=[0.25, 4.0])
@example(optimizer="SGD", options=ct.Options(clip=("clipnorm", 10.0)), accumulation=None, dtype="float32",
         gradients=[0.25])
@example(optimizer="UserMomentum", options=ct.Options(rate="default", clip=("clipvalue", 1.0)), accumulation=None,
         dtype="float32", gradients=[-3.0, 2.0])
@example(optimizer="UserMomentum", options=ct.Options(ema=(None, 2)), accumulation=None, dtype="float32",
         gradients=[2.0, 4.0])
def test_an_update_applies_the_options_in_kerass_order(counter, optimizer, options, accumulation, dtype, gradients):
    """Each call leaves the variables in their dtype with Keras's values: scaled, accumulated, clipped."""
    # Not tuned (that is momentum); an option the backend's optimizer lacks is left out (IT-APPLY-ADDS-ONE's
    # every-option test names it missing), and the expected values are worked out with what is passed.
    name = ct.available(counter, optimizer)
    options = ct.declared(counter, name, dataclasses.replace(options, accumulation=accumulation, tuned=False))
    p = Program(counter)
    opt = ct.make_optimizer(p, counter, name, options=options)
    start = [[1.0, -2.0], 0.5]
    variables = [p.call("Variable", value, **ct.dtype_keyword(dtype), name=f"w_{i}", as_="w")
                 for i, value in enumerate(start)]
    # What the variables hold before any update (JAX without x64 holds a float64 variable's value as float32).
    made = np.asarray(p.call("ops.convert_to_numpy", variables[0], as_="value")).dtype.name
    rate = 0.01 if options.rate == "default" else options.rate_value  # Keras's SGD and UserMomentum: 0.01
    if options.rate == "callable":  # a rate that changes between calls: the callable is called at each update
        rate = [(0.1, 0.05, 0.2)[call % 3] for call in range(len(gradients))]
    elif options.rate == "schedule":  # called with the raw count of calls, not the updates accumulation reads
        rate = ct.scheduled(rate, list(range(len(gradients))))
    expected = ct.sgd_values(options, rate, start, gradients, momentum=0.5 if name == "UserMomentum" else 0.0)
    rtol, atol = ct.TOLERANCES[made]
    for call, (g, after) in enumerate(zip(gradients, expected, strict=True)):
        if options.rate == "callable":
            ct.set_rate(p, rate[call])
        ct.apply(p, opt, variables, ct.Call(("dense", "dense"), "list", g))
        for variable, values in zip(variables, after, strict=True):
            value = np.asarray(p.call("ops.convert_to_numpy", variable, as_="value"))
            ah.assert_equal(p, f"{p.current('value')}.dtype.name", value.dtype.name, made)
            ah.assert_close(p, f"{p.current('value')}.ravel().tolist()", value.ravel().tolist(),
                            np.ravel(values).tolist(), rtol=rtol, atol=atol)


@pytest.mark.clause("IT-APPLY-UPDATES-VARIABLES")
@given(optimizer=st.sampled_from(["SGD", "UserMomentum"]), exclude=ct.exclusions(2), unnamed=st.booleans(),
       weight_decay=st.sampled_from([0.0, 0.01, 0.5]), dtype=st.sampled_from(ct.FLOATS), calls=st.integers(1, 3))
@example(optimizer="SGD", exclude={"var_names": ["bias", "_1"]}, unnamed=False, weight_decay=0.5, dtype="float32",
         calls=2)
@example(optimizer="UserMomentum", exclude={"var_list": [0], "var_names": ["able"]}, unnamed=True, weight_decay=0.5,
         dtype="float64", calls=1)
def test_weight_decay_leaves_out_the_variables_excluded_from_it(counter, optimizer, exclude, unnamed, weight_decay,
                                                               dtype, calls):
    """Weight decay skips the variables exclude_from_weight_decay lists or whose name a pattern matches."""
    # Source: Keras 3, exclude_from_weight_decay: "var_names: ... If any string in var_names appear in the model
    # variable's name, then this model variable is excluded from weight decay"; an unnamed variable has the
    # library's default name (Keras: variable, tf.Variable: Variable:0).
    name = ct.available(counter, optimizer)
    options = ct.declared(counter, name, ct.Options(weight_decay=weight_decay))
    if options.weight_decay is None:
        pytest.skip(f"backend {counter.name!r}: {name} has no weight_decay (its IT-APPLY-ADDS-ONE test names it)")
    p = Program(counter)
    opt = ct.make_optimizer(p, counter, name, options=options)
    start = [[1.0, -2.0], 0.5]
    variables = [p.call("Variable", value, **ct.dtype_keyword(dtype), **({} if unnamed and i else {"name": f"w_{i}"}),
                        as_="w") for i, value in enumerate(start)]
    ct.exclude_from_weight_decay(p, opt, exclude, variables)
    made = np.asarray(p.call("ops.convert_to_numpy", variables[0], as_="value")).dtype.name
    names = [str(p.attr(variable, "name")) for variable in variables]
    expected = ct.sgd_values(options, 0.1, start, [2.0] * calls, momentum=0.5 if name == "UserMomentum" else 0.0,
                             decayed=ct.decayed(exclude, names))
    rtol, atol = ct.TOLERANCES[made]
    for after in expected:
        ct.apply(p, opt, variables, ct.Call(("dense", "dense"), "list", 2.0))
        for variable, values in zip(variables, after, strict=True):
            value = np.asarray(p.call("ops.convert_to_numpy", variable, as_="value"))
            ah.assert_close(p, f"{p.current('value')}.ravel().tolist()", value.ravel().tolist(),
                            np.ravel(values).tolist(), rtol=rtol, atol=atol)


@pytest.mark.clause("IT-APPLY-UPDATES-VARIABLES")
@pytest.mark.parametrize("optimizer", ct.DECOUPLED)
@given(weight_decay=st.sampled_from([None, 0.01, 0.5]), tuned=st.booleans(), dtype=st.sampled_from(ct.FLOATS),
       gradients=st.lists(st.sampled_from([-3.0, -0.5, 0.25, 2.0, 4.0]), min_size=1, max_size=4))
@example(weight_decay=0.5, tuned=False, dtype="float64", gradients=[2.0, -0.5, 4.0])
@example(weight_decay=None, tuned=False, dtype="float64", gradients=[2.0, 4.0])
def test_weight_decay_shrinks_the_variable_before_each_update(counter, optimizer, weight_decay, tuned, dtype,
                                                               gradients):
    """With weight_decay=d each update first shrinks v by v * d * rate, then makes the undecayed update."""
    # Source: Keras 3's base optimizer, _apply_weight_decay before update_step, for every optimizer. Compared with
    # a twin made without decay (ct.DECOUPLED): its step u at each call is the decayed one's too. Left out, the
    # decay is the optimizer's default (ct.DEFAULT_WEIGHT_DECAY: AdamW's 0.004, none for the others).
    name, twin = ct.available(counter, optimizer), ct.available(counter, ct.DECOUPLED[optimizer])
    options = ct.declared(counter, name, ct.Options(weight_decay=weight_decay, tuned=tuned))
    if weight_decay is not None and options.weight_decay is None:
        pytest.skip(f"backend {counter.name!r}: {name} has no weight_decay (its IT-APPLY-ADDS-ONE test names it)")
    weight_decay = ct.DEFAULT_WEIGHT_DECAY.get(name, 0.0) if weight_decay is None else weight_decay
    p = Program(counter)
    decayed = ct.make_optimizer(p, counter, name, as_="decayed", options=options)
    own = {k: v for k, v in ct.TUNED.get(name, {}).items() if tuned and ct.declares(counter, twin, k)}
    plain = ct.make_optimizer(p, counter, twin, as_="plain", **own)  # the same own options as the decayed one
    start = [1.0, -2.0]
    w, u = (p.call("Variable", start, **ct.dtype_keyword(dtype), name=label, as_=label) for label in ("w", "u"))
    made = np.asarray(p.call("ops.convert_to_numpy", w, as_="value")).dtype.name
    rtol, atol = ct.TOLERANCES[made]
    was, plain_was = np.asarray(start), np.asarray(start)
    for g in gradients:
        ct.apply(p, decayed, [w], ct.Call(("dense",), "list", g))
        ct.apply(p, plain, [u], ct.Call(("dense",), "list", g))
        now = np.asarray(p.call("ops.convert_to_numpy", w, as_="value"), dtype=np.float64)
        plain_now = np.asarray(p.call("ops.convert_to_numpy", u, as_="plain_value"), dtype=np.float64)
        expected = was - was * weight_decay * 0.1 - (plain_was - plain_now)  # shrunk, then the twin's step
        ah.assert_close(p, f"{p.current('value')}.tolist()", now.tolist(), expected.tolist(), rtol=rtol, atol=atol)
        was, plain_was = now, plain_now


@pytest.mark.clause("IT-STATE-NOT-TRAINABLE")
@given(optimizer=st.sampled_from(["SGD", "UserMomentum", "Adam", "RMSprop"]), options=ct.options(accumulation=True),
       dtype=st.sampled_from(ct.FLOATS))
@example(optimizer="SGD", options=ct.Options(ema=(None, None), accumulation=2, tuned=True), dtype="float64")
@example(optimizer="UserMomentum", options=ct.Options(ema=(0.5, 2), accumulation=3), dtype="float16")
def test_the_optimizers_own_variables_are_not_trainable_and_keep_the_dtype(counter, optimizer, options, dtype):
    """optimizer.variables are all non-trainable; those shaped like the trained variable have its dtype."""
    name = ct.available(counter, optimizer)
    options = ct.declared(counter, name, options)
    p = Program(counter)
    opt = ct.make_optimizer(p, counter, name, options=options)
    w = p.call("Variable", [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], **ct.dtype_keyword(dtype), name="w", as_="w")
    ct.apply(p, opt, [w], ct.Call(("dense",)))
    made = p.eval(f"str({p.ref(w)}.dtype)", as_="made")  # as declared (JAX without x64 holds float64 as float32)
    own = p.eval(f"[(tuple(v.shape), str(v.dtype), bool(v.trainable)) for v in {p.ref(opt)}.variables]",
                 as_="own")
    ah.assert_equal(p, "[t for _, _, t in own if t]", [t for _, _, t in own if t], [])
    shaped = [d for s, d, _ in own if s == (2, 3)]
    ah.assert_equal(p, "[d for s, d, _ in own if s == (2, 3)]", shaped, [made] * len(shaped))


@pytest.mark.clause("IT-STATE-NOT-TRAINABLE")
@given(optimizer=st.sampled_from(["SGD", "UserMomentum", "Adam"]), dtype=st.sampled_from(ct.FLOATS),
       scaling=ct.loss_scales)
@example(optimizer="SGD", dtype="float16", scaling={})
def test_a_loss_scale_wrappers_variables_are_not_trainable(counter, optimizer, dtype, scaling):
    """A LossScaleOptimizer's variables, its own (finite steps, scale) and its inner's, are not trainable."""
    name = ct.available(counter, optimizer)
    p = Program(counter)
    wrapper = ct.make_loss_scale(p, counter, ct.make_optimizer(p, counter, name), scaling)
    w = p.call("Variable", [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], **ct.dtype_keyword(dtype), name="w", as_="w")
    ct.apply(p, wrapper, [w], ct.Call(("dense",)))
    trainable = p.eval(f"[bool(v.trainable) for v in {p.ref(wrapper)}.variables]", as_="trainable")
    ah.assert_equal(p, "any(trainable)", any(trainable), False)


@pytest.mark.clause("IT-APPLY-UPDATES-VARIABLES")
@given(kinds=st.lists(st.sampled_from(["dense", "dense", "inf"]), min_size=1, max_size=6),
       gradient=st.sampled_from([2.0, -4.0, 64.0]),
       scaling=st.fixed_dictionaries({"initial_scale": st.sampled_from([1.0, 4.0, 2.0**15]),
                                      "dynamic_growth_steps": st.sampled_from([1, 2, 3])}))
@example(kinds=["dense", "dense", "inf", "dense"], gradient=64.0, scaling={"initial_scale": 4.0,
                                                                          "dynamic_growth_steps": 1})
@example(kinds=["dense", "dense", "dense", "dense"], gradient=2.0, scaling={"initial_scale": 4.0,
                                                                          "dynamic_growth_steps": 2})
def test_a_loss_scale_wrapper_unscales_by_the_scale_before_it_grows(counter, kinds, gradient, scaling):
    """Through a LossScaleOptimizer a finite call steps by g / scale, then the scale grows; inf halves it."""
    p = Program(counter)
    inner = ct.make_optimizer(p, counter, "SGD", as_="inner")
    wrapper = ct.make_loss_scale(p, counter, inner, scaling, strict=True)
    (v,) = variables = [p.call("Variable", [1.0, -2.0], dtype="float32", name="w", as_="w")]
    p.method(wrapper, "build", variables)  # the wrapper builds its inner optimizer
    expected, scale, finite_in_a_row = np.array([1.0, -2.0]), scaling["initial_scale"], 0
    for kind in kinds:
        ct.apply(p, wrapper, variables, ct.Call((kind,), "list", gradient))
        if kind == "dense":  # Keras 3: unscale with the scale as it is, apply, then count towards growth
            expected = expected - 0.1 * gradient / scale
            finite_in_a_row += 1
            if finite_in_a_row == scaling["dynamic_growth_steps"]:
                scale, finite_in_a_row = scale * 2, 0
        else:
            scale, finite_in_a_row = scale / 2, 0
        value = np.asarray(p.call("ops.convert_to_numpy", v, as_="value"))
        ah.assert_close(p, f"{p.current('value')}.ravel().tolist()", value.ravel().tolist(), expected.tolist())


#: Counts a resumed run's counter can hold, past int32 included (where the counter is int64).
PRESETS = st.sampled_from([0, 2**24 + 1, 2**31 - 10, 2**31 + 5, 2**53 + 1]) | st.integers(0, 2**62)


@pytest.mark.clause("IT-CHECKPOINT-RESTORES")
@given(optimizer=ct.optimizers, before=st.integers(0, 4), after=st.integers(0, 2), meanwhile=st.integers(0, 2),
       options=ct.options(), preset=PRESETS, built=st.booleans())
@example(optimizer="Adam", before=3, after=1, meanwhile=0, options=ct.Options(), preset=0, built=True)
@example(optimizer="SGD", before=2, after=0, meanwhile=2, options=ct.EVERYTHING, preset=2**24 + 1, built=True)
@example(optimizer="SGD", before=2, after=1, meanwhile=1, options=ct.Options(rate="callable"), preset=5, built=False)
@example(optimizer="Adam", before=1, after=1, meanwhile=0, options=ct.Options(), preset=0, built=False)
@example(optimizer="Adam", before=1, after=0, meanwhile=1, options=ct.Options(), preset=2**31 + 5, built=True)
def test_saved_variables_bring_the_count_back(counter, optimizer, before, after, meanwhile, options, preset, built):
    """Saved variables loaded into a new optimizer, built or not, bring the count back when they fit it."""
    _save_and_restore(counter, optimizer, before, after, meanwhile, options, preset, built, wrapped=None)


@pytest.mark.clause("IT-CHECKPOINT-RESTORES")
@given(optimizer=ct.optimizers, before=st.integers(0, 3), after=st.integers(0, 2), meanwhile=st.integers(0, 2),
       options=ct.options(), preset=PRESETS, built=st.booleans(), scaling=ct.loss_scales)
@example(optimizer="RMSprop", before=3, after=1, meanwhile=1, options=ct.Options(), preset=7, built=True,
         scaling={"initial_scale": 4.0})
@example(optimizer="SGD", before=1, after=1, meanwhile=0, options=ct.Options(), preset=0, built=False, scaling={})
def test_a_loss_scale_wrappers_saved_variables_bring_the_count_back(counter, optimizer, before, after, meanwhile,
                                                                     options, preset, built, scaling):
    """A LossScaleOptimizer's saved variables (its own, then its inner one's) bring the count back."""
    _save_and_restore(counter, optimizer, before, after, meanwhile, options, preset, built, wrapped=scaling)


def _save_and_restore(counter, optimizer, before, after, meanwhile, options, preset, built, wrapped):
    """``before`` applies from ``preset``, a save, ``meanwhile`` more applies, a load into a new optimizer (built on
    the same variables first, or not), ``after`` applies on it; ``wrapped``: both inside a LossScaleOptimizer with
    these options."""
    p = Program(counter)
    variables = ct.make_variables(p, [(2,)])

    def make(as_):
        opt = ct.make_optimizer(p, counter, optimizer, as_=f"{as_}_inner" if wrapped is not None else as_,
                                options=options)
        return opt if wrapped is None else ct.make_loss_scale(p, counter, opt, wrapped)

    saved = make("saved")
    p.method(saved, "build", variables)
    if preset and not options.accumulation:  # a count anywhere the counter holds it (a resumed run's)
        iterations = p.attr(saved, "iterations")
        dtype = p.attr(iterations, "dtype")
        top = int(np.iinfo(np.dtype(getattr(dtype, "as_numpy_dtype", dtype))).max)
        preset = preset if preset + before <= top else preset % (top - before)  # past int32 where it is int64
        p.method(iterations, "assign", preset)
    else:
        preset = 0
    for _ in range(before):
        ct.apply(p, saved, variables, ct.Call(("dense",)))
    store = p.eval("{}", as_="store")
    p.method(saved, "save_own_variables", store)
    for _ in range(meanwhile):  # the saved optimizer trains on: the store keeps the count of the save
        ct.apply(p, saved, variables, ct.Call(("dense",)))
    restored = make("restored")
    if built:
        p.method(restored, "build", variables)
    elif p.eval(f"len({p.ref(restored)}.variables)", as_="held") != len(store):  # Keras warns, loads nothing
        preset, before = 0, 0
    p.method(restored, "load_own_variables", store)
    ct.assert_count(p, restored, preset + before)
    for done in range(1, after + 1):
        ct.apply(p, restored, variables, ct.Call(("dense",)))
        ct.assert_count(p, restored, preset + before + done)


@pytest.mark.clause("IT-LOSS-SCALE-SHARES-COUNTER")
@given(optimizer=ct.optimizers, applied=st.integers(0, 3), through=st.lists(st.booleans(), max_size=4),
       scaling=ct.loss_scales, options=ct.options())
@example(optimizer="SGD", applied=1, through=[True, False], scaling={}, options=ct.Options())
@example(optimizer="Adam", applied=2, through=[False], scaling={"initial_scale": 4.0, "dynamic_growth_steps": 1},
         options=ct.EVERYTHING)
def test_a_loss_scale_wrapper_reads_its_inner_optimizers_counter(counter, optimizer, applied, through, scaling,
                                                                  options):
    """LossScaleOptimizer(opt).iterations is opt.iterations, before and after applies through either."""
    p = Program(counter)
    inner = ct.make_optimizer(p, counter, optimizer, as_="inner", options=options)
    wrapper = ct.make_loss_scale(p, counter, inner, scaling)
    variables = ct.make_variables(p, [(2,)])
    for _ in range(applied):
        ct.apply(p, wrapper, variables, ct.Call(("dense",)))
    for via_wrapper in through:  # applies through the inner optimizer too: one counter either way
        ct.apply(p, wrapper if via_wrapper else inner, variables, ct.Call(("dense",)))
    shared = p.eval(f"{p.ref(wrapper)}.iterations is {p.ref(inner)}.iterations", as_="shared")
    ah.assert_equal(p, "shared", shared, True)
    ct.assert_count(p, wrapper, applied + len(through))


@pytest.mark.clause("IT-LOSS-SCALE-SKIP-NOT-COUNTED")
@given(optimizer=ct.optimizers, kinds=st.lists(st.sampled_from(["dense", "inf", "nan"]), min_size=1, max_size=5),
       scaling=ct.loss_scales, form=st.sampled_from(ct.PAIR_FORMS))
@example(optimizer="SGD", kinds=["dense", "inf", "dense"], scaling={}, form="zip")
@example(optimizer="RMSprop", kinds=["dense", "dense", "nan", "dense"], form="apply",
         scaling={"initial_scale": 1.0, "dynamic_growth_steps": 1})
def test_a_loss_scale_step_skipped_for_overflow_does_not_count(counter, optimizer, kinds, scaling, form):
    """Through a LossScaleOptimizer, only the calls whose gradients are all finite count."""
    p = Program(counter)
    inner = ct.make_optimizer(p, counter, optimizer, as_="inner")
    wrapper = ct.make_loss_scale(p, counter, inner, scaling)
    variables = ct.make_variables(p, [(2,)])
    for done, kind in enumerate(kinds, start=1):
        ct.apply(p, wrapper, variables, ct.Call((kind,), form))
        ct.assert_count(p, wrapper, sum(k == "dense" for k in kinds[:done]))


@pytest.mark.clause("IT-WIDTH-INT64")
@given(optimizer=ct.optimizers, saved=st.booleans())
@example(optimizer="SGD", saved=False)
@example(optimizer="Adam", saved=True)
def test_the_count_goes_past_int32(counter, optimizer, saved):
    """At 2**31 - 1, one more apply reads 2**31 (int32 counters wrap), and so does a load of it."""
    p = Program(counter)
    opt = ct.make_optimizer(p, counter, optimizer)
    variables = ct.make_variables(p, [()])
    p.method(p.attr(opt, "iterations"), "assign", 2**31 - 1)
    ct.apply(p, opt, variables, ct.Call(("dense",)))
    ct.assert_count(p, opt, 2**31)
    if saved:
        store = p.eval("{}", as_="store")
        p.method(opt, "save_own_variables", store)
        loaded = ct.make_optimizer(p, counter, optimizer, as_="loaded")
        p.method(loaded, "build", variables)
        p.method(loaded, "load_own_variables", store)
        ct.assert_count(p, loaded, 2**31)


@pytest.mark.clause("IT-EXAMPLE-MIGRATED")
def test_the_migrated_example_prints_zero_then_one(counter):
    """The page's migrated example: SGD(.01) counts 0, then 1 after apply_gradients(zip(grads, var_list))."""
    p = Program(counter)
    opt = p.call("optimizers.SGD", 0.01, as_="optimizer")
    ct.assert_count(p, opt, 0)
    v = p.call("Variable", 3.0, as_="v")
    # compute_loss(3): loss = x * 5 - x * v, so d loss / d v = -x = -3.0 (what tape.gradient gives)
    grads = [p.call("ops.convert_to_tensor", -3.0, as_="grad")]
    p.method(opt, "apply_gradients", p.eval(f"zip([{p.ref(grads[0])}], [{p.ref(v)}])", as_="pairs"))
    ct.assert_count(p, opt, 1)
    value = float(p.call("ops.convert_to_numpy", v, as_="value"))
    ah.assert_equal(p, "round(float(value), 5)", round(value, 5), 3.03)


@dataclasses.dataclass(frozen=True)
class Split:
    """How a MultiOptimizer shares the variables out. Source: Keras 3.15's MultiOptimizer(optimizer_map,
    loss_scale_factor, name): "an OptimizerMap instance or a callable function that returns an optimizer for a given
    variable", OptimizerMap's keys being regular expressions fully matching a variable's path.

    ``optimizers``: the sub-optimizers; ``owners``: per variable, the index of its sub-optimizer (one may get none:
    its count must stay 0); ``selector``: "map" (the first optimizer is the default, the others have keys) or
    "callable"."""

    optimizers: tuple[str, ...] = ("SGD", "Adam")
    owners: tuple[int, ...] = (0, 1)
    selector: str = "map"
    factor: float | None = None  # loss_scale_factor, which replaces the sub-optimizers' own
    name: str | None = None

    def owner(self, variable: int) -> int:
        return self.owners[variable] % len(self.optimizers)


splits = st.builds(Split, optimizers=st.lists(ct.optimizers, min_size=1, max_size=3).map(tuple),
                   owners=st.lists(st.integers(0, 2), min_size=1, max_size=4).map(tuple),
                   selector=st.sampled_from(["map", "callable"]), factor=st.none() | st.sampled_from([2.0, 128.0]),
                   name=st.none() | st.just("multi"))


def make_multi(p, counter, split: Split, variables: list):
    """The sub-optimizers and ``optimizers.MultiOptimizer`` over them, choosing for each variable as ``split`` says."""
    subs = [ct.make_optimizer(p, counter, name, as_="sub") for name in split.optimizers]
    if split.selector == "map":
        keys = {}
        for k in range(1, len(subs)):
            mine = [f"w_{i}" for i in range(len(variables)) if split.owner(i) == k]
            keys[f"({'|'.join(mine)})" if mine else f"never_{k}"] = p.ref(subs[k])
        table = "{" + ", ".join(f"{key!r}: {sub}" for key, sub in keys.items()) + "}"
        chooser = p.eval(f"keras.optimizers.OptimizerMap({p.ref(subs[0])}, {table})", as_="optimizer_map")
    else:
        table = "{" + ", ".join(f"'w_{i}': {p.ref(subs[split.owner(i)])}" for i in range(len(variables))) + "}"
        chooser = p.eval(f"lambda variable: {table}[variable.path]", as_="optimizer_map")
    options = {"loss_scale_factor": split.factor} if split.factor is not None else {}
    options.update({"name": split.name} if split.name else {})
    return subs, p.call("optimizers.MultiOptimizer", chooser, **options, as_="multi")


@pytest.mark.clause("IT-MULTI-COUNTS-EACH")
@given(split=splits, calls=st.lists(st.sampled_from(ct.PAIR_FORMS), min_size=1, max_size=3))
@example(split=Split(), calls=["zip", "apply"])
@example(split=Split(optimizers=("Adam", "SGD", "RMSprop"), owners=(2, 2, 0), selector="callable", factor=128.0,
                     name="multi"), calls=["list", "generator", "zip"])
@example(split=Split(optimizers=("UserMomentum", "SGD"), owners=(1, 1), factor=2.0), calls=["apply", "tuple"])
def test_a_multi_optimizer_and_each_sub_optimizer_count_their_calls(counter, split, calls):
    """A MultiOptimizer counts every call; each sub-optimizer counts the calls that gave it variables."""
    if not counter.has("optimizers.MultiOptimizer"):
        pytest.skip(f"backend {counter.name!r} has no optimizers.MultiOptimizer (Keras 3.15's; optional)")
    p = Program(counter)
    variables = ct.make_variables(p, [(2,)] * len(split.owners))
    subs, multi = make_multi(p, counter, split, variables)
    owning = [k for k in range(len(subs)) if any(split.owner(i) == k for i in range(len(variables)))]
    for done, form in enumerate([*calls, "gradients only"], start=1):
        if form == "gradients only":  # built: apply(grads) trains the variables it was built with
            grads = [ct.gradient(p, "dense", (2,), 1.0) for _ in variables]
            p.method(multi, "apply", p.eval(f"[{', '.join(p.ref(g) for g in grads)}]", as_="grads"))
        else:
            ct.apply(p, multi, variables, ct.Call(("dense",) * len(variables), form=form))
        ct.assert_count(p, multi, done)
        for k, sub in enumerate(subs):
            ct.assert_count(p, sub, done if k in owning else 0)
    # Its optimizers: the map's every one (its default included), or those a callable picked.
    listed = p.attr(multi, "optimizers")
    expected = [sub for k, sub in enumerate(subs) if split.selector == "map" or k in owning]
    ah.assert_equal(p, f"sorted(id(o) for o in {p.ref(multi)}.optimizers)", sorted(map(id, listed)),
                    sorted(map(id, expected)))
    # SGD's update shows the gradients each sub-optimizer got: divided by loss_scale_factor, once per call.
    for i, v in enumerate(variables):
        if split.optimizers[split.owner(i)] == "SGD":
            value = np.asarray(p.call("ops.convert_to_numpy", v, as_="value"), dtype=float).ravel().tolist()
            ah.assert_close(p, "value.ravel().tolist()", value, [1.0 - done * 0.1 / (split.factor or 1.0)] * 2)
