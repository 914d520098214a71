"""``tf.compat.v1.train``: the global-step functions and the optimizers that increment the step.

This module is the executable reading of spec/clauses.toml; each function says which clauses it implements.
"""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

import numpy as np

from impls.reference import dtypes
from impls.reference.graph import GraphKeys, Tensor, get_default_graph
from impls.reference.ops import Variable, convert_to_tensor, get_variable, gradients, group, zeros_initializer
from impls.reference.session import MonitoredSession, Session  # noqa: F401 (tf1.train.MonitoredSession)

logger = logging.getLogger(__name__)


# -- the global step --------------------------------------------------------------------------------------
def get_global_step(graph=None):
    """The step of ``graph`` (default: the default graph), or None (GS-GET-*).

    Found in the GLOBAL_STEP collection, else by the name ``global_step:0``; with several collection entries
    there is no single step, so None. Whatever is found must pass ``assert_global_step``.
    """
    graph = graph or get_default_graph()
    found = graph.get_collection(GraphKeys.GLOBAL_STEP)
    if len(found) > 1:
        logger.error("Multiple tensors in global_step collection.")
        return None
    if found:
        step = found[0]
    else:
        try:
            step = graph.get_tensor_by_name("global_step:0")
        except KeyError:
            return None
    assert_global_step(step)
    return step


def create_global_step(graph=None):
    """Create the step in ``graph``: int64 scalar, zero, not trainable (GS-CREATE-*).

    It escapes any name scope so it is always found by name, and raises ValueError if the graph has a step.
    """
    graph = graph or get_default_graph()
    if get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default(), graph.name_scope(None):
        return get_variable(
            GraphKeys.GLOBAL_STEP, shape=[], dtype=dtypes.int64, initializer=zeros_initializer(),
            trainable=False, collections=[GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP],
        )


def get_or_create_global_step(graph=None):
    """The step of ``graph``, created on first use (GS-IDEM-*, GS-GRAPH-*)."""
    graph = graph or get_default_graph()
    step = get_global_step(graph)
    return step if step is not None else create_global_step(graph)


def assert_global_step(global_step_tensor) -> None:
    """TypeError unless ``global_step_tensor`` is an integer Variable or Tensor of rank 0 or unknown rank."""
    if not isinstance(global_step_tensor, Tensor):  # Variable is a Tensor here
        raise TypeError(f'Existing "global_step" must be a Variable or Tensor: {global_step_tensor}.')
    if not global_step_tensor.dtype.base_dtype.is_integer:
        raise TypeError(f'Existing "global_step" does not have integer type: {global_step_tensor.dtype}')
    shape = global_step_tensor.get_shape()
    if shape.ndims not in (0, None):  # unlike TF 2.21, [None] is rejected too: its rank is 1
        raise TypeError(f'Existing "global_step" is not scalar: {shape}')


def global_step(sess, global_step_tensor) -> int:
    """The step's value in ``sess`` as a Python int (GS-HELPER-RETURNS-INT)."""
    return int(sess.run(global_step_tensor))


# -- meta graphs: a graph rebuilt from another's export ------------------------------------------------------
class MetaGraphDef:
    """What ``export_meta_graph`` keeps of a graph, as far as the step goes: each variable of its collections with
    what remakes it (op name, dtype, trainable, initial value) and the collections that hold it."""

    def __init__(self, variables: list[dict]):
        self.variables = variables


def export_meta_graph(filename=None, meta_info_def=None, graph_def=None, saver_def=None, collection_list=None,
                      as_text=None, graph=None, export_scope=None, clear_devices=None, clear_extraneous_savers=None,
                      strip_default_attrs=None, save_debug_info=None, **kwargs):
    """The variables of ``graph``'s collections (default: the default graph) as a MetaGraphDef, also written to
    ``filename`` when given. Not modelled, since nothing the step has depends on them: the protocol buffers
    given, ``collection_list`` (every collection is kept), the text, device and debug options."""
    graph = graph or get_default_graph()
    session = Session(graph=graph)  # evaluates the initial values; no variable is read
    records: dict[int, dict] = {}
    for key in graph.get_all_collection_keys():
        for value in graph.get_collection(key):
            if isinstance(value, Variable):
                record = records.setdefault(id(value), {
                    "name": value.op.name, "dtype": value.dtype.base_dtype, "trainable": value.trainable,
                    "collections": [], "initial": session.run(value.initial_value)})
                record["collections"].append(key)
    meta = MetaGraphDef(list(records.values()))
    if filename is not None:
        Path(filename).write_bytes(pickle.dumps(meta))
    return meta


def import_meta_graph(meta_graph_or_file, clear_devices=None, import_scope=None, **kwargs):
    """Remake the variables of an exported graph in the default graph, in the collections that held them, each
    named ``<name scope>/<import_scope>/<name>`` (TensorFlow 2.21, measured: the step is in GLOBAL_STEP again,
    an integer of its dtype, trainable as it was, at its initial value once initialised). TensorFlow returns a
    Saver when GLOBAL_VARIABLES is not empty; there is no checkpointing here, so this returns None."""
    meta = meta_graph_or_file
    if not isinstance(meta, MetaGraphDef):
        meta = pickle.loads(Path(meta_graph_or_file).read_bytes())
    graph = get_default_graph()
    prefix = f"{import_scope}/" if import_scope else ""
    for record in meta.variables:
        Variable(record["initial"], trainable=record["trainable"], collections=record["collections"],
                 dtype=record["dtype"], _op_name=graph.unique_name(prefix + record["name"]))
    return None


# -- optimizers --------------------------------------------------------------------------------------------
class Optimizer:
    """Base class: builds one update operation per variable, then the global-step increment after them.

    Subclasses give ``_update(var_value, grad_value, slots, lr) -> new value``: ``slots`` is a dict of the
    optimizer's running state for that variable in that session, ``lr`` the learning rate's value in this run.
    """

    GATE_NONE, GATE_OP, GATE_GRAPH = 0, 1, 2  # how much gradient computation is serialised

    def __init__(self, use_locking, name, use_own_namescope_for_non_slot_vars=False):
        if not name:  # TensorFlow's check: every optimizer names the ops and slots it makes
            raise ValueError("Must specify the optimizer name")
        self._name = name
        self._slot_variables: dict[tuple, Variable] = {}  # (slot name, id(variable)) -> slot, for subclasses
        self._slotted: set[int] = set()  # ids of the variables whose slots a subclass made

    def compute_gradients(self, loss, var_list=None, gate_gradients=GATE_OP, aggregation_method=None,
                          colocate_gradients_with_ops=False, grad_loss=None):
        """``[(gradient or None, variable)]`` for ``var_list`` (default: the loss graph's TRAINABLE_VARIABLES).

        ``gate_gradients`` must be one of the three GATE_ constants (TensorFlow checks it); how much it serialises
        the computation, like ``aggregation_method`` and ``colocate_gradients_with_ops``, cannot change a value in a
        session that runs one operation at a time on one device."""
        if gate_gradients not in (self.GATE_NONE, self.GATE_OP, self.GATE_GRAPH):
            raise ValueError(f"gate_gradients must be one of: Optimizer.GATE_NONE, Optimizer.GATE_OP, "
                             f"Optimizer.GATE_GRAPH.  Not {gate_gradients}")
        if var_list is None:
            var_list = loss.graph.get_collection(GraphKeys.TRAINABLE_VARIABLES)
        var_list = list(var_list)
        if not var_list:
            raise ValueError("No variables to optimize.")
        return list(zip(gradients(loss, var_list, grad_ys=grad_loss), var_list, strict=True))

    def apply_gradients(self, grads_and_vars, global_step=None, name=None, skip_gradients_aggregation=False):
        """Update each variable, then (if ``global_step`` is given) add 1 to it: GS-APPLY-*.

        ``grads_and_vars`` is any iterable of pairs (a generator is read once); pairs whose gradient is None
        are skipped. The op is added to the TRAIN_OP collection, as TensorFlow does.
        """
        pairs = [(grad, var) for grad, var in grads_and_vars if grad is not None]
        if not pairs:
            raise ValueError("No gradients provided for any variable.")
        graph = pairs[0][1].graph
        with graph.as_default():
            updates = [self._apply(convert_to_tensor(grad, dtype=var.dtype), var) for grad, var in pairs]
            if global_step is None:
                op = group(*updates, name=name or self._name)
            else:
                with graph.control_dependencies(updates):
                    op = global_step.assign_add(1, name=name or self._name).op
        train_ops = graph.get_collection_ref(GraphKeys.TRAIN_OP)
        if op not in train_ops:
            train_ops.append(op)
        return op

    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=GATE_OP, aggregation_method=None,
                 colocate_gradients_with_ops=False, name=None, grad_loss=None):
        """``apply_gradients(compute_gradients(loss, var_list), global_step, name)``: TensorFlow's signature."""
        pairs = self.compute_gradients(loss, var_list, gate_gradients, aggregation_method,
                                       colocate_gradients_with_ops, grad_loss)
        if all(grad is None for grad, _ in pairs):
            raise ValueError(f"No gradients provided for any variable, check your graph: {pairs}")
        return self.apply_gradients(pairs, global_step=global_step, name=name)

    # -- TensorFlow's extension points, for optimizers users write (the built-in ones use _update) ----------
    def _create_slots(self, var_list):
        """Make the slot variables the subclass's rule needs for ``var_list`` (``_zeros_slot``)."""

    def _prepare(self):
        """Make the tensors the subclass's rule needs (a learning rate tensor, say)."""

    def _apply_dense(self, grad, var):
        raise NotImplementedError()

    def _resource_apply_dense(self, grad, handle):
        raise NotImplementedError()

    def get_slot(self, var, name):
        return self._slot_variables.get((name, id(var)))

    def _zeros_slot(self, var, slot_name, op_name):
        """A non-trainable variable of zeros shaped like ``var``, made once, outside any control dependency."""
        key = (slot_name, id(var))
        if key not in self._slot_variables:
            with var.graph.as_default(), var.graph.control_dependencies(None):
                self._slot_variables[key] = Variable(np.zeros(var.shape.as_list()), dtype=var.dtype, trainable=False,
                                                     name=f"{var.op.name}/{op_name}")
        return self._slot_variables[key]

    def _custom_rule(self, var):
        """A subclass's own dense rule: ``_resource_apply_dense`` for a resource variable, ``_apply_dense`` for a
        RefVariable, with its slots made and ``_prepare`` run first; None for the built-in optimizers."""
        name = "_resource_apply_dense" if getattr(var, "use_resource", True) else "_apply_dense"
        if getattr(type(self), name) is getattr(Optimizer, name):
            return None
        if id(var) not in self._slotted:
            self._create_slots([var])
            self._slotted.add(id(var))
        self._prepare()
        return getattr(self, name)

    def _apply(self, grad: Tensor, var: Variable):
        """The update of ``var``; with a ``constraint``, the update then the constraint's assign (TensorFlow's
        processors do the same: the increment waits for both)."""
        rule = self._custom_rule(var)
        update = rule(grad, var) if rule is not None else self._apply_update(grad, var)
        update = update.op if isinstance(update, Tensor) else update
        if var.constraint is None:
            return update
        with var.graph.control_dependencies([update]):
            return var.assign(var.constraint(var)).op

    def _apply_update(self, grad: Tensor, var: Variable):
        rate = self.learning_rate  # a number, a tensor (a schedule, often computed from the step), or a callable
        rate = rate() if callable(rate) and not isinstance(rate, Tensor) else rate
        inputs = [grad, rate] if isinstance(rate, Tensor) else [grad]

        def compute(session, values):
            slots = session.slots.setdefault((op.name, var.name), {})
            lr = float(values[1]) if len(values) > 1 else rate
            new = self._update(session._read(var).astype(np.float64), np.asarray(values[0], np.float64), slots, lr)
            return session._write(var, new)

        op = var.graph.create_op("ApplyUpdate", f"{self._name}/update_{var.op.name}", inputs, compute)
        return op

    def _update(self, value, grad, slots, lr):
        raise NotImplementedError


# -- the v1 mixed-precision wrapper ------------------------------------------------------------------------
class FixedLossScale:
    """``tf1.mixed_precision.FixedLossScale(value)``: the loss is always scaled by ``value``; every run applies."""

    def __init__(self, loss_scale_value):
        self._value = float(loss_scale_value)

    def __call__(self) -> Tensor:
        return convert_to_tensor(self._value, dtype=dtypes.float32)


class DynamicLossScale:
    """``tf1.mixed_precision.DynamicLossScale``: a scale held in a variable, beside a count of finite runs in a row
    (TensorFlow's ``current_loss_scale`` and ``good_steps``). After a run with a non-finite gradient it is divided
    by ``multiplier`` (never below 1); after ``increment_period`` finite runs in a row it is multiplied by it
    (unless that overflows)."""

    def __init__(self, initial_loss_scale=2**15, increment_period=2000, multiplier=2.0):
        self.initial_loss_scale, self.increment_period = float(initial_loss_scale), int(increment_period)
        self.multiplier = float(multiplier)
        self._scale = Variable(self.initial_loss_scale, trainable=False)  # float32, as TensorFlow's
        self._good_steps = Variable(0, trainable=False)

    def __call__(self) -> Tensor:
        return self._scale

    def update(self, graph, grads):
        """The operation that updates the scale after a run, and the tensor saying whether every one of ``grads``
        is finite (the run applies only then)."""
        finite = _all_finite(graph, grads)

        def compute(session, values):
            scale, good = np.float32(session._read(self._scale)), int(session._read(self._good_steps))
            multiplier = np.float32(self.multiplier)
            if not values[0]:
                session._write(self._scale, max(scale / multiplier, np.float32(1)))
                session._write(self._good_steps, 0)
            elif good + 1 >= self.increment_period:
                if np.isfinite(scale * multiplier):
                    session._write(self._scale, scale * multiplier)
                session._write(self._good_steps, 0)
            else:
                session._write(self._good_steps, good + 1)

        return graph.create_op("UpdateLossScale", "update_loss_scale", [finite], compute), finite


def _all_finite(graph, grads) -> Tensor:
    """True when every element of every tensor in ``grads`` is finite."""
    op = graph.create_op("IsAllFinite", "is_finite", grads, lambda session, values: np.bool_(
        all(np.all(np.isfinite(value)) for value in values)))
    return Tensor(op, dtypes.bool, [])


class MixedPrecisionLossScaleOptimizer(Optimizer):
    """``tf1.mixed_precision.MixedPrecisionLossScaleOptimizer(opt, loss_scale)``: ``opt`` with its loss scaled up
    and its gradients scaled back down (GS-APPLY-LOSS-SCALE-SKIPS). ``loss_scale`` is a number (a FixedLossScale),
    ``"dynamic"`` (a DynamicLossScale) or a loss scale object. With a fixed scale a run applies as ``opt`` would,
    counting the step; with a dynamic one it applies, and counts, only when every gradient is finite: "Otherwise
    no update is performed (nor is global_step incremented)"."""

    def __init__(self, opt, loss_scale):
        if not isinstance(opt, Optimizer):
            raise ValueError(f'"opt" must be an instance of Optimizer, but got: {type(opt)}')
        super().__init__(False, opt._name)
        self._optimizer = opt
        if isinstance(loss_scale, (int, float)):
            loss_scale = FixedLossScale(loss_scale)
        elif loss_scale == "dynamic":
            loss_scale = DynamicLossScale()
        elif not isinstance(loss_scale, (FixedLossScale, DynamicLossScale)):
            raise ValueError(f"Could not interpret loss scale identifier: {loss_scale}")
        self._loss_scale = loss_scale

    def compute_gradients(self, loss, var_list=None, gate_gradients=Optimizer.GATE_OP, aggregation_method=None,
                          colocate_gradients_with_ops=False, grad_loss=None):
        """``opt``'s gradients of ``loss`` times the scale, each divided by the scale again."""
        with loss.graph.as_default():
            scale = self._loss_scale()
            pairs = self._optimizer.compute_gradients(loss * scale, var_list, gate_gradients, aggregation_method,
                                                      colocate_gradients_with_ops, grad_loss)
            reciprocal = loss.graph.create_op("Reciprocal", "Reciprocal", [scale],
                                              lambda session, values: np.float32(1) / values[0])
            reciprocal = Tensor(reciprocal, dtypes.float32, [])
            return [(None if grad is None else grad * reciprocal, var) for grad, var in pairs]

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """``opt.apply_gradients``, run only when the scale says every gradient is finite."""
        if isinstance(self._loss_scale, FixedLossScale):
            return self._optimizer.apply_gradients(grads_and_vars, global_step, name)
        pairs = tuple(grads_and_vars)
        name = name or self._name
        graph = pairs[0][1].graph
        with graph.as_default():
            update, finite = self._loss_scale.update(graph, [grad for grad, _ in pairs if grad is not None])
            applying = self._optimizer.apply_gradients(pairs, global_step)
            maybe = graph.create_op("If", "cond", [finite], lambda session, values: session._run_branch(applying)
                                    if values[0] else None)
            return group(maybe, update, name=name)


class GradientDescentOptimizer(Optimizer):
    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(use_locking, name)
        self.learning_rate = learning_rate

    def _update(self, value, grad, slots, lr):
        return value - lr * grad


# The update rules of the other nine optimizers are numerics, not the step contract: the suite checks that they
# change the variables (GS-APPLY-UPDATES-VARIABLES) and GradientDescent's values exactly, nothing more. Mutation
# testing (tox -e mutation) leaves them out.
# pragma: no mutate start
class MomentumOptimizer(Optimizer):
    def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum", use_nesterov=False):
        super().__init__(use_locking, name)
        self.learning_rate, self.momentum, self.use_nesterov = learning_rate, momentum, use_nesterov

    def _update(self, value, grad, slots, lr):
        slots["accumulation"] = slots.get("accumulation", 0.0) * self.momentum + grad
        if self.use_nesterov:
            return value - lr * (grad + self.momentum * slots["accumulation"])
        return value - lr * slots["accumulation"]


class AdagradOptimizer(Optimizer):
    def __init__(self, learning_rate, initial_accumulator_value=0.1, use_locking=False, name="Adagrad"):
        super().__init__(use_locking, name)
        self.learning_rate, self.initial = learning_rate, initial_accumulator_value

    def _update(self, value, grad, slots, lr):
        slots["accumulator"] = slots.get("accumulator", self.initial) + grad * grad
        return value - lr * grad / np.sqrt(slots["accumulator"])


class AdamOptimizer(Optimizer):
    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8, use_locking=False, name="Adam",
                 use_own_namescope_for_non_slot_vars=False):
        super().__init__(use_locking, name)
        self.learning_rate, self.beta1, self.beta2, self.epsilon = learning_rate, beta1, beta2, epsilon

    def _update(self, value, grad, slots, lr):
        t = slots["t"] = slots.get("t", 0) + 1
        slots["m"] = self.beta1 * slots.get("m", 0.0) + (1 - self.beta1) * grad
        slots["v"] = self.beta2 * slots.get("v", 0.0) + (1 - self.beta2) * grad * grad
        rate = lr * np.sqrt(1 - self.beta2**t) / (1 - self.beta1**t)
        return value - rate * slots["m"] / (np.sqrt(slots["v"]) + self.epsilon)


class RMSPropOptimizer(Optimizer):
    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False,
                 centered=False, name="RMSProp"):
        super().__init__(use_locking, name)
        self.learning_rate, self.decay, self.momentum, self.epsilon = learning_rate, decay, momentum, epsilon

    def _update(self, value, grad, slots, lr):
        slots["ms"] = self.decay * slots.get("ms", 1.0) + (1 - self.decay) * grad * grad  # TF v1 starts ms at 1
        slots["mom"] = self.momentum * slots.get("mom", 0.0) + lr * grad / np.sqrt(
            slots["ms"] + self.epsilon)
        return value - slots["mom"]


class AdadeltaOptimizer(Optimizer):
    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-8, use_locking=False, name="Adadelta"):
        super().__init__(use_locking, name)
        self.learning_rate, self.rho, self.epsilon = learning_rate, rho, epsilon

    def _update(self, value, grad, slots, lr):
        slots["accum"] = self.rho * slots.get("accum", 0.0) + (1 - self.rho) * grad * grad
        update = np.sqrt(slots.get("accum_update", 0.0) + self.epsilon) / np.sqrt(slots["accum"] + self.epsilon) * grad
        slots["accum_update"] = self.rho * slots.get("accum_update", 0.0) + (1 - self.rho) * update * update
        return value - lr * update


class FtrlOptimizer(Optimizer):
    """FTRL-proximal with ``learning_rate_power=-0.5`` (TensorFlow's default)."""

    def __init__(self, learning_rate, learning_rate_power=-0.5, initial_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0, use_locking=False, name="Ftrl",
                 accum_name=None, linear_name=None, l2_shrinkage_regularization_strength=0.0, beta=None):
        super().__init__(use_locking, name)
        self.learning_rate, self.initial = learning_rate, initial_accumulator_value
        self.l1, self.l2 = l1_regularization_strength, l2_regularization_strength

    def _update(self, value, grad, slots, lr):
        accum = slots.get("accum", self.initial)
        new_accum = accum + grad * grad
        sigma = (np.sqrt(new_accum) - np.sqrt(accum)) / lr
        slots["linear"] = linear = slots.get("linear", 0.0) + grad - sigma * value
        slots["accum"] = new_accum
        quadratic = np.sqrt(new_accum) / lr + 2 * self.l2
        return np.where(np.abs(linear) > self.l1, (self.l1 * np.sign(linear) - linear) / quadratic, 0.0)


def _proximal(prox, rate, l1, l2):
    return np.sign(prox) * np.maximum(np.abs(prox) - rate * l1, 0.0) / (1 + rate * l2)


class ProximalGradientDescentOptimizer(Optimizer):
    def __init__(self, learning_rate, l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                 use_locking=False, name="ProximalGradientDescent"):
        super().__init__(use_locking, name)
        self.learning_rate, self.l1, self.l2 = learning_rate, l1_regularization_strength, l2_regularization_strength

    def _update(self, value, grad, slots, lr):
        return _proximal(value - lr * grad, lr, self.l1, self.l2)


class ProximalAdagradOptimizer(Optimizer):
    def __init__(self, learning_rate, initial_accumulator_value=0.1, l1_regularization_strength=0.0,
                 l2_regularization_strength=0.0, use_locking=False, name="ProximalAdagrad"):
        super().__init__(use_locking, name)
        self.learning_rate, self.initial = learning_rate, initial_accumulator_value
        self.l1, self.l2 = l1_regularization_strength, l2_regularization_strength

    def _update(self, value, grad, slots, lr):
        slots["accum"] = slots.get("accum", self.initial) + grad * grad
        rate = lr / np.sqrt(slots["accum"])
        return _proximal(value - rate * grad, rate, self.l1, self.l2)


class AdagradDAOptimizer(Optimizer):
    """Adagrad dual averaging. Like TensorFlow's, it takes the global step in its constructor."""

    def __init__(self, learning_rate, global_step, initial_gradient_squared_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0, use_locking=False, name="AdagradDA"):
        super().__init__(use_locking, name)
        self.learning_rate, self.global_step = learning_rate, global_step
        self.initial = initial_gradient_squared_accumulator_value
        self.l1, self.l2 = l1_regularization_strength, l2_regularization_strength

    def _update(self, value, grad, slots, lr):
        slots["t"] = t = slots.get("t", 0) + 1  # TF reads global_step + 1 here; both count this op's runs
        slots["g"] = g = slots.get("g", 0.0) + grad
        slots["gg"] = gg = slots.get("gg", self.initial) + grad * grad
        shrunk = np.sign(-g) * np.maximum(np.abs(g) - self.l1 * t, 0.0)
        return shrunk * lr / (self.l2 * t * lr + np.sqrt(gg))
# pragma: no mutate end
