"""Families of random networks: many nets of one shape, evaluated at once.

Drawing the weights at random and looking at what comes out shows which
functions an architecture can express (lines stay lines, tanh nets wiggle, ReLU
nets crease). A family stacks the weights of all its nets, W (n, n_in, n_out), and
evaluates them net after net with the very operations ``MLP.forward`` uses, so
its numbers are bit-identical to a loop over ``family.net(i).forward(X)``, in
that loop's time and memory (one net's intermediate layers at a time, plus the
stacked output). An earlier version multiplied all nets at once: no faster, and
16x the memory (49 nets of 2-16-16-1 on a 201 x 201 grid took 498 MB, the loop
30 MB; issue 17).
"""

from __future__ import annotations

import numpy as np

import math
import numbers

from . import activations
from .blas import small_products
from .network import MLP
from .validation import (
    check_finite, check_positive_int, check_real_array, check_seed, check_sizes, check_X,
)

DISTRIBUTIONS = ("uniform", "normal")


class RandomFamily:
    """n networks sharing sizes and activations, with their weights stacked.

    weights: [(W, b), ...] per layer, W of shape (n, n_in, n_out) and b (n, n_out),
    real and finite (ValueError otherwise). Net i is ``family[i]`` (an MLP holding W[i], b[i]).
    """

    def __init__(self, sizes, weights, activation="tanh", output=None):
        self.sizes = check_sizes(sizes)
        self.activation = activation
        self.output = "identity" if output is None else output
        self._hidden = activations.get(activation)
        self._output = activations.get(self.output, output=True)
        if self._output.name == "softmax" and self.sizes[-1] < 2:
            raise ValueError(f"output='softmax' needs at least 2 output units, got sizes[-1] = {self.sizes[-1]}")
        weights = list(weights)
        if len(weights) != len(self.sizes) - 1:
            raise ValueError(f"weights: expected {len(self.sizes) - 1} (W, b) pairs for sizes {self.sizes}, "
                             f"got {len(weights)}")
        self.weights = []
        for i, (W, b) in enumerate(weights):
            W = np.ascontiguousarray(check_real_array(f"weights[{i}] W", W))
            b = np.ascontiguousarray(check_real_array(f"weights[{i}] b", b))
            check_finite(f"weights[{i}] W", W)
            check_finite(f"weights[{i}] b", b)
            self.weights.append((W, b))
        self.n = len(self.weights[0][0])
        for (W, b), n_in, n_out in zip(self.weights, self.sizes[:-1], self.sizes[1:]):
            if W.shape != (self.n, n_in, n_out) or b.shape != (self.n, n_out):
                raise ValueError(
                    f"expected W {(self.n, n_in, n_out)} and b {(self.n, n_out)}, got {W.shape} and {b.shape}"
                )

    def __len__(self):
        return self.n

    def forward(self, X, return_all=False):
        """All nets on X (n_points, n_in) -> (n, n_points, n_out).

        With return_all, every layer's activations, input first (the input
        broadcast to (1, n_points, n_in)). Memory: the result, plus one net's
        layers at a time.
        """
        X = check_X(X, self.sizes[0])
        n, last = self.n, len(self.weights) - 1
        outs = [np.empty((n, len(X), w)) for w in (self.sizes[1:] if return_all else self.sizes[-1:])]
        with small_products(self.sizes):
            for k in range(n):
                a = X
                for i, (W, b) in enumerate(self.weights):
                    store = outs[i] if return_all else (outs[0] if i == last else None)
                    z = np.matmul(a, W[k], out=None if store is None else store[k])  # z = x W + b,
                    z += b[k]                                                         # as Dense does
                    a = (self._output if i == last else self._hidden).value(z, out=z)
        return [X[None]] + outs if return_all else outs[0]

    def net(self, i):
        """Member i as an MLP (a copy of its weights)."""
        if not -self.n <= i < self.n:
            raise IndexError(f"family has {self.n} nets, asked for net {i}")
        net = MLP(self.sizes, activation=self.activation, output=self.output, seed=None)
        return net.set_weights([(W[i], b[i]) for W, b in self.weights])

    def __getitem__(self, i):
        return self.net(i)

    def __repr__(self):
        return f"RandomFamily({self.sizes!r}, n={self.n}, activation={self.activation!r}, output={self.output!r})"


def random_family(sizes, activation="tanh", n=49, seed=0, low=-1.0, high=1.0, output=None,
                  distribution="uniform", std=1.0):
    """n random networks of shape ``sizes``, every weight and bias drawn independently.

    distribution: "uniform" on [low, high] (default [-1, 1], as in the
    random-family figures), "normal" with mean 0 and standard deviation ``std``,
    or a callable (rng, shape) -> array.
    output: the last layer's activation; None means identity (the raw sum).
    """
    sizes = check_sizes(sizes)
    n = check_positive_int("n", n)
    rng = np.random.default_rng(check_seed("seed", seed))
    if callable(distribution):
        def draw(shape):
            values = check_real_array("distribution(rng, shape)", distribution(rng, shape))
            if values.size != math.prod(shape):
                raise ValueError(f"distribution(rng, {shape}) must return {math.prod(shape)} values, "
                                 f"got an array of shape {values.shape}")
            return values.reshape(shape)
    elif distribution == "uniform":
        for name, value in (("low", low), ("high", high)):
            if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
                raise ValueError(f"{name} must be a finite number, got {value!r}")
        if not low < high:
            raise ValueError(f"need low < high for uniform weights, got low={low!r}, high={high!r}")
        def draw(shape):
            return rng.uniform(low, high, shape)
    elif distribution == "normal":
        if isinstance(std, bool) or not isinstance(std, numbers.Real) or not 0 < std < math.inf:
            raise ValueError(f"std must be a finite positive number, got {std!r}")
        def draw(shape):
            return rng.normal(0.0, std, shape)
    else:
        raise ValueError(
            f"unknown distribution {distribution!r}; valid names: {', '.join(DISTRIBUTIONS)} (or a callable)"
        )
    weights = [(draw((n, n_in, n_out)), draw((n, n_out))) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    return RandomFamily(sizes, weights, activation=activation, output=output)
