"""Families of random networks: many nets of one shape, evaluated at once.

Drawing the weights at random and looking at what comes out shows which
functions an architecture can express (lines stay lines, tanh nets wiggle, ReLU
nets crease). A family stacks the weights of all its nets, W (n, n_in, n_out),
and evaluates them with batched matrix products, no loop over nets.
"""

from __future__ import annotations

import numpy as np

from . import activations
from .network import MLP
from .validation import check_positive_int, check_sizes, check_X

DISTRIBUTIONS = ("uniform", "normal")


class RandomFamily:
    """n networks sharing sizes and activations, with their weights stacked.

    params: [(W, b), ...] per layer, W of shape (n, n_in, n_out) and b (n, n_out).
    Net i is ``family[i]`` (an MLP holding W[i], b[i]).
    """

    def __init__(self, sizes, params, activation="tanh", output=None):
        self.sizes = check_sizes(sizes)
        self.activation = activation
        self.output = "identity" if output is None else output
        self._hidden = activations.get(activation)
        self._output = activations.get(self.output, output=True)
        if self._output.name == "softmax" and self.sizes[-1] < 2:
            raise ValueError(f"output='softmax' needs at least 2 output units, got sizes[-1] = {self.sizes[-1]}")
        self.params = [(np.asarray(W, dtype=np.float64), np.asarray(b, dtype=np.float64)) for W, b in params]
        self.n = len(self.params[0][0])
        for (W, b), n_in, n_out in zip(self.params, self.sizes[:-1], self.sizes[1:]):
            if W.shape != (self.n, n_in, n_out) or b.shape != (self.n, n_out):
                raise ValueError(
                    f"expected W {(self.n, n_in, n_out)} and b {(self.n, n_out)}, got {W.shape} and {b.shape}"
                )

    def __len__(self):
        return self.n

    def forward(self, X, return_all=False):
        """All nets on X (n_points, n_in) -> (n, n_points, n_out).

        With return_all, every layer's activations, input first (the input
        broadcast to (1, n_points, n_in)).
        """
        X = check_X(X, self.sizes[0])
        a = X[None]                                    # (1, points, n_in): shared by every net
        acts = [a]
        last = len(self.params) - 1
        for i, (W, b) in enumerate(self.params):
            z = _stacked_matmul(a, W)                  # (n, points, n_out)
            z += b[:, None, :]
            a = (self._output if i == last else self._hidden).value(z, out=z)
            acts.append(a)
        return acts if return_all else a

    def net(self, i):
        """Member i as an MLP (a copy of its weights)."""
        if not -self.n <= i < self.n:
            raise IndexError(f"family has {self.n} nets, asked for net {i}")
        net = MLP(self.sizes, activation=self.activation, output=self.output, seed=None)
        return net.set_params([(W[i], b[i]) for W, b in self.params])

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
    rng = np.random.default_rng(seed)
    if callable(distribution):
        def draw(shape):
            return np.asarray(distribution(rng, shape), dtype=np.float64).reshape(shape)
    elif distribution == "uniform":
        if not low < high:
            raise ValueError(f"need low < high for uniform weights, got low={low!r}, high={high!r}")
        def draw(shape):
            return rng.uniform(low, high, shape)
    elif distribution == "normal":
        if not std > 0:
            raise ValueError(f"std must be positive, got {std!r}")
        def draw(shape):
            return rng.normal(0.0, std, shape)
    else:
        raise ValueError(
            f"unknown distribution {distribution!r}; valid names: {', '.join(DISTRIBUTIONS)} (or a callable)"
        )
    params = [(draw((n, n_in, n_out)), draw((n, n_out))) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    return RandomFamily(sizes, params, activation=activation, output=output)


def _stacked_matmul(a, W):
    """a @ W for every net: a is (1 or n, points, n_in), W is (n, n_in, n_out).

    numpy's broadcasting matmul runs its own slow loop on these small inner sizes, so this
    hands BLAS big products instead: one product for an input all nets share, one per net
    after that. Same numbers, about two to three times faster on the families' grids.
    """
    n, n_in, n_out = W.shape
    if a.shape[0] == 1:  # the shared input: one (points, n_in) @ (n_in, n * n_out) product
        flat = a[0] @ W.transpose(1, 0, 2).reshape(n_in, n * n_out)
        return np.ascontiguousarray(flat.reshape(-1, n, n_out).transpose(1, 0, 2))
    z = np.empty((n, a.shape[1], n_out))
    for k in range(n):
        np.matmul(a[k], W[k], out=z[k])
    return z

