"""A dense layer: the one building block of the MLP, forward rule only (the MLP runs backward)."""

from __future__ import annotations

import numpy as np


class Dense:
    """One fully connected layer: a = f(x W + b), with W (n_in, n_out) and b (n_out,)."""

    def __init__(self, W, b, activation):
        self.W = W
        self.b = b
        self.activation = activation

    def pre_activation(self, x, out=None):
        """z = x W + b for a batch x (n, n_in) -> (n, n_out)."""
        z = np.matmul(x, self.W, out=out)
        z += self.b
        return z

    def forward(self, x, out=None):
        """a = f(x W + b); the activation is computed in place over z."""
        z = self.pre_activation(x, out=out)
        return self.activation.value(z, out=z)

    def __repr__(self):
        n_in, n_out = self.W.shape
        return f"Dense({n_in} -> {n_out}, {self.activation.name})"
