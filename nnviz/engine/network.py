"""The multilayer perceptron: dense layers, the forward and backward passes; ``fit`` checks its
arguments and hands the epoch loop to ``nnviz.engine.training``.

    net = MLP([2, 12, 1], activation="tanh", output="sigmoid", seed=0)
    hist = net.fit(X, y, loss="bce", optimizer=SGD(lr=0.1, momentum=0.9), epochs=500, batch_size=32)

Forward: each layer computes z = x W + b, then a = f(z); its output is the next
layer's input. Backward: starting from dL/dz of the output layer, each layer
turns the error of its pre-activation (``delta``) into its gradients
dL/dW = x^T delta, dL/db = sum of delta over the batch, and hands
dL/dx = delta W^T to the layer below, which multiplies it by its activation's
derivative to get its own delta.

All weights and biases live in one flat array; each layer's ``W`` and ``b`` are
views of it, so the optimiser updates every parameter with a few array operations.
"""

from __future__ import annotations

import copy
import math

import numpy as np

from . import activations, losses, training
from .blas import small_products
from .layers import Dense
from .optim import check_optimizer
from .training import DIVERGENCE_FACTOR, EVAL_ROWS, MONITORS  # noqa: F401  (their old home)
from .validation import (
    check_choice, check_finite, check_positive_int, check_real_array, check_same_length, check_seed, check_sizes, check_X,
)

INITS = ("glorot", "he", "uniform")

_ESTIMATOR = "for scikit-learn's get_params/set_params use nnviz.engine.MLPClassifier or MLPRegressor"
_RENAMED = {
    "params": "read the weights as net.weights",
    "set_params": "weights are written with net.set_weights([(W, b), ...]); " + _ESTIMATOR,
    "get_params": "weights are read as net.weights; " + _ESTIMATOR,
    "copy_params": "use net.copy_weights()",
    "with_params": "use net.with_weights(weights)",
}


class MLP:
    """A fully connected feed-forward network trained by backpropagation.

    sizes: layer widths, inputs first, e.g. [2, 12, 1].
    activation: hidden layers' activation, one of identity, sigmoid, tanh, relu.
    output: output layer's activation: identity, sigmoid, tanh, relu or softmax.
    seed: fixes the initial weights and the per-epoch shuffling: a non-negative
        integer, or None for fresh entropy (anything else: ValueError).
    init: "glorot" (uniform, scaled by fan-in + fan-out; zero biases), "he"
        (normal, std sqrt(2 / fan-in); zero biases) or "uniform" (weights and
        biases uniform in [-1, 1]).
    """

    def __init__(self, sizes, activation="tanh", output="sigmoid", seed=0, init="glorot"):
        self.sizes = sizes
        self.activation = activation
        self.output = output
        self.seed = check_seed("seed", seed)
        self.init = init
        self._build()
        init_seq, shuffle_seq = np.random.SeedSequence(seed).spawn(2)
        self._shuffle_rng = np.random.default_rng(shuffle_seq)
        self._initialise(np.random.default_rng(init_seq))

    # -- construction -------------------------------------------------------------------

    def _build(self):
        widths = check_sizes(self.sizes)
        hidden = activations.get(self.activation)
        output = activations.get(self.output, output=True)
        if output.name == "softmax" and widths[-1] < 2:
            raise ValueError(
                f"output='softmax' needs at least 2 output units, got sizes[-1] = {widths[-1]}; "
                "use output='sigmoid' for a single probability"
            )
        if not (callable(self.init) or self.init in INITS):
            raise ValueError(f"unknown init {self.init!r}; valid names: {', '.join(INITS)}")
        self._widths = widths
        shapes = list(zip(widths[:-1], widths[1:]))
        n_params = sum(n_in * n_out + n_out for n_in, n_out in shapes)
        self._theta = np.zeros(n_params)  # every parameter, layer after layer
        self._grad = np.zeros(n_params)   # dL/dtheta, same layout
        self._layers, self._dW, self._db = [], [], []
        offset = 0
        for i, (n_in, n_out) in enumerate(shapes):
            W, dW = (v[offset:offset + n_in * n_out].reshape(n_in, n_out) for v in (self._theta, self._grad))
            offset += n_in * n_out
            b, db = (v[offset:offset + n_out] for v in (self._theta, self._grad))
            offset += n_out
            act = output if i == len(shapes) - 1 else hidden
            self._layers.append(Dense(W, b, act))
            self._dW.append(dW)
            self._db.append(db)

    def _initialise(self, rng):
        for layer in self._layers:
            n_in, n_out = layer.W.shape
            if callable(self.init):
                W = check_real_array("init(rng, n_in, n_out)", self.init(rng, n_in, n_out))
                if W.shape not in ((n_in, n_out), (1, n_out), (n_in, 1), (1, 1), ()):
                    raise ValueError(f"init(rng, {n_in}, {n_out}) must return an array of shape "
                                     f"({n_in}, {n_out}), got shape {W.shape}")
                check_finite("init(rng, n_in, n_out)", W)
                layer.W[...] = W
            elif self.init == "glorot":
                limit = math.sqrt(6.0 / (n_in + n_out))
                layer.W[...] = rng.uniform(-limit, limit, (n_in, n_out))
            elif self.init == "he":
                layer.W[...] = rng.normal(0.0, math.sqrt(2.0 / n_in), (n_in, n_out))
            else:  # "uniform"
                layer.W[...] = rng.uniform(-1.0, 1.0, (n_in, n_out))
                layer.b[...] = rng.uniform(-1.0, 1.0, n_out)

    # -- parameters ----------------------------------------------------------------------

    @property
    def layers(self):
        return list(self._layers)

    @property
    def n_inputs(self):
        return self._widths[0]

    @property
    def n_outputs(self):
        return self._widths[-1]

    @property
    def n_params(self):
        return self._theta.size

    @property
    def weights(self):
        """[(W, b), ...] per layer, W (n_in, n_out), b (n_out,); the live arrays: edit them in place."""
        return [(layer.W, layer.b) for layer in self._layers]

    @weights.setter
    def weights(self, weights):
        self.set_weights(weights)

    def set_weights(self, weights):
        """Copy ``weights`` ([(W, b), ...], e.g. a History snapshot) into the net. Returns self.

        Raises ValueError when a pair has the wrong shape or holds NaN or infinity
        (a net holding them would answer every question with class 0).
        """
        weights = list(weights)
        if len(weights) != len(self._layers):
            raise ValueError(f"weights: expected {len(self._layers)} (W, b) pairs, got {len(weights)}")
        checked = []
        for i, (layer, (W, b)) in enumerate(zip(self._layers, weights)):
            W, b = check_real_array(f"weights[{i}] W", W), check_real_array(f"weights[{i}] b", b)
            if W.shape != layer.W.shape or b.shape != layer.b.shape:
                raise ValueError(
                    f"weights: layer {i}: expected W {layer.W.shape} and b {layer.b.shape}, "
                    f"got W {W.shape} and b {b.shape}"
                )
            check_finite(f"weights[{i}] W", W)
            check_finite(f"weights[{i}] b", b)
            checked.append((W, b))
        for layer, (W, b) in zip(self._layers, checked):  # all checked first: no half-written net
            layer.W[...] = W
            layer.b[...] = b
        return self

    def copy_weights(self):
        """An independent copy of the weights, [(W, b), ...]."""
        return [(W.copy(), b.copy()) for W, b in self.weights]

    def with_weights(self, weights):
        """A copy of this net holding ``weights`` (this net is unchanged)."""
        return self.copy().set_weights(weights)

    def __getattr__(self, name):
        # Only reached for missing attributes: point old names and scikit-learn habits somewhere useful.
        if name in _RENAMED:
            raise AttributeError(f"MLP has no {name!r}: {_RENAMED[name]}")
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def copy(self):
        """An independent copy (parameters and shuffling state)."""
        return copy.deepcopy(self)

    def __getstate__(self):
        config = {k: getattr(self, k) for k in ("sizes", "activation", "output", "seed", "init")}
        return {"config": config, "theta": self._theta, "shuffle_rng": self._shuffle_rng}

    def __setstate__(self, state):
        self.__dict__.update(state["config"])
        self._build()
        self._theta[...] = state["theta"]
        self._shuffle_rng = state["shuffle_rng"]

    def __repr__(self):
        return (
            f"MLP({self.sizes!r}, activation={self.activation!r}, output={self.output!r}, "
            f"seed={self.seed!r})"
        )

    # -- forward -------------------------------------------------------------------------

    def _forward(self, X):
        """Every layer's activation (input first) and the output layer's pre-activation z."""
        acts = [X]
        for layer in self._layers:
            z = layer.pre_activation(acts[-1])
            acts.append(layer.activation.value(z))
        return acts, z

    def forward(self, X, return_all=False):
        """The output (n, n_outputs); with return_all, every layer's activations, input first."""
        X = check_X(X, self.n_inputs)
        with small_products(self._widths):
            acts, _ = self._forward(X)
        return acts if return_all else acts[-1]

    def pre_activations(self, X):
        """Every layer's z = x W + b (one array per layer, no input)."""
        acts = [check_X(X, self.n_inputs)]
        zs = []
        with small_products(self._widths):
            for layer in self._layers:
                zs.append(layer.pre_activation(acts[-1]))
                acts.append(layer.activation.value(zs[-1]))
        return zs

    def _output_kind(self, what):
        name = self._layers[-1].activation.name
        if name not in ("sigmoid", "softmax"):
            raise ValueError(
                f"{what} needs output='sigmoid' or output='softmax'; this net has output={self.output!r}"
            )
        return name

    def predict_proba(self, X):
        """Class probabilities: (n,) for a single sigmoid output, else (n, n_outputs)."""
        self._output_kind("predict_proba")
        a = self.forward(X)
        return a[:, 0] if a.shape[1] == 1 else a

    def predict(self, X):
        """Labels: 0/1 by the 0.5 threshold for sigmoid, the argmax for softmax.

        For other outputs (regression) the raw output: (n,) when there is one output.
        """
        a = self.forward(X)
        name = self._layers[-1].activation.name
        if name == "softmax":
            return a.argmax(axis=1)
        if name == "sigmoid":
            a = (a > 0.5).astype(np.int64)
        return a[:, 0] if a.shape[1] == 1 else a

    def accuracy(self, X, y):
        """Fraction of correct labels (of correct 0/1 answers, for several sigmoid outputs)."""
        kind = self._output_kind("accuracy")
        loss = losses.get("bce" if kind == "sigmoid" else "ce")
        X = check_X(X, self.n_inputs)
        Y = loss.targets(y, self.n_outputs)
        check_same_length(X, Y)
        with small_products(self._widths):
            return training.evaluate(self, X, Y, loss, kind)["accuracy"]

    # -- backward ------------------------------------------------------------------------

    def _loss(self, loss):
        """The loss object for ``loss`` (None: the output's natural loss), checked against the output."""
        out_name = self._layers[-1].activation.name
        fn = losses.get(losses.default_for(out_name) if loss is None else loss)
        if fn.output is not None and fn.output != out_name:
            raise ValueError(
                f"loss {fn.name!r} needs output={fn.output!r}; this net has output={self.output!r} "
                f"(use loss='mse', or build the net with output={fn.output!r})"
            )
        return fn

    def _backward(self, acts, Y, loss, buf, dWs, dbs, deltas=None):
        """Backpropagate from the output; writes dL/dW, dL/db into dWs, dbs."""
        layers = self._layers
        a = acts[-1]
        delta = loss.gradient(a, Y, out=buf.delta)  # dL/dz when fused (bce, ce), else dL/da
        if loss.wrt == "a":
            delta = layers[-1].activation.backward(a, delta, tmp=buf.tmp[-1])
        for i in range(len(layers) - 1, -1, -1):
            if deltas is not None:
                deltas.insert(0, delta.copy())
            np.matmul(acts[i].T, delta, out=dWs[i])   # dL/dW = x^T delta
            np.add.reduce(delta, axis=0, out=dbs[i])  # dL/db = sum of delta over the batch
            if i:
                grad = np.matmul(delta, layers[i].W.T, out=buf.grad[i - 1])  # dL/dx = delta W^T
                delta = layers[i - 1].activation.backward(acts[i], grad, tmp=buf.tmp[i - 1])

    def loss_and_gradients(self, X, y, loss=None, return_deltas=False):
        """(loss, [(dW, db), ...]) for the current parameters on (X, y).

        The loss is the mean over samples; loss=None picks the output's natural
        loss (bce for sigmoid, ce for softmax, mse otherwise). With
        return_deltas, also each layer's dL/dz, one row per sample (n, width):
        the "blame" backpropagation assigns to every neuron (rows sum to db).
        """
        fn = self._loss(loss)
        X = check_X(X, self.n_inputs)
        Y = fn.targets(y, self.n_outputs)
        check_same_length(X, Y)
        with small_products(self._widths):
            acts, z = self._forward(X)
            value = fn.value(z, acts[-1], Y)
            buf = training.Buffers(self._widths, len(X))
            grads = [(np.empty_like(layer.W), np.empty_like(layer.b)) for layer in self._layers]
            deltas = [] if return_deltas else None
            self._backward(acts, Y, fn, buf, [g[0] for g in grads], [g[1] for g in grads], deltas)
        return (value, grads, deltas) if return_deltas else (value, grads)

    # -- training ------------------------------------------------------------------------

    def fit(self, X, y, loss=None, optimizer=None, epochs=100, batch_size=None,
            callback=None, record_every=None, shuffle=True, monitor="full"):
        """Train by (mini-batch) gradient descent; returns a History.

        X: (n_samples, n_inputs) real numbers (1-D for a one-input net); y: labels 0..k-1
            for "ce", 0/1 of shape (n,) or (n, n_outputs) for "bce", targets for "mse".
        loss: "mse", "bce" or "ce" (None: bce for sigmoid, ce for softmax, else mse).
        optimizer: an optimiser object such as SGD(lr=0.1, momentum=0.9) (default SGD(lr=0.1));
            its velocity restarts at zero.
        batch_size: samples per step; None means full-batch gradient descent.
        callback(epoch, net, logs): called after every epoch, logs = {"loss", ["accuracy"]};
            returning True stops training.
        record_every: keep a weights snapshot every this many epochs (and at 0 and the end).
        shuffle: visit the samples in a new order every epoch (seeded by the net's seed).
        monitor: what History.loss records. "full": the loss of the whole training set with
            the weights reached at the end of each epoch (computed EVAL_ROWS rows at a time;
            costs one extra forward pass per epoch). "batches": the mean over the epoch of
            each batch's loss just before its step, as scikit-learn's ``loss_curve_`` (free,
            but measured with weights that change during the epoch).

        Raises ValueError for bad arguments (naming them) and TrainingDiverged when the loss
        or the weights stop being finite, or the loss grows past DIVERGENCE_FACTOR times the
        larger of its starting value and a constant answer's loss; the net then holds its
        weights from the end of the last sound epoch, and the error its ``history``.
        """
        fn = self._loss(loss)
        X = check_X(X, self.n_inputs)
        Y = fn.targets(y, self.n_outputs)
        check_same_length(X, Y)
        optimizer = check_optimizer(optimizer)
        epochs = check_positive_int("epochs", epochs, minimum=0)
        batch_size = check_positive_int("batch_size", batch_size, allow_none=True)
        record_every = check_positive_int("record_every", record_every, allow_none=True)
        monitor = check_choice("monitor", monitor, MONITORS)
        if callback is not None and not callable(callback):
            raise ValueError(f"callback must be callable(epoch, net, logs), got {callback!r}")
        kind = {"bce": "sigmoid", "ce": "softmax"}.get(fn.name)
        with small_products(self._widths):
            return training.train(self, X, Y, fn, kind, optimizer, epochs, batch_size, callback,
                                  record_every, shuffle, monitor)
