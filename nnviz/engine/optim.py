"""Optimisers: how a gradient becomes a step.

An optimiser updates one flat parameter vector in place (the network keeps all
its weights and biases in a single array, each layer's W and b being views of
it), so a step costs a handful of array operations whatever the depth.
"""

from __future__ import annotations

import math
import numbers

import numpy as np


class SGD:
    """Stochastic gradient descent, optionally with (heavy-ball) momentum.

    Without momentum: theta <- theta - lr * g.
    With momentum mu: v <- mu v - lr g;  theta <- theta + v, so steps keep part of
    their previous direction, rolling through small bumps and along narrow valleys.
    This is the update scikit-learn's MLPClassifier(solver="sgd",
    nesterovs_momentum=False) makes.
    """

    def __init__(self, lr=0.1, momentum=0.0):
        if isinstance(lr, bool) or not (isinstance(lr, numbers.Real) and math.isfinite(lr) and lr > 0):
            raise ValueError(f"lr (the learning rate) must be a positive number, got {lr!r}")
        if isinstance(momentum, bool) or not (isinstance(momentum, numbers.Real) and 0 <= momentum < 1):
            raise ValueError(f"momentum must be in [0, 1), got {momentum!r}")
        self.lr = lr
        self.momentum = momentum
        self.velocity = None
        self._work = None

    def reset(self, n_params):
        """Forget the velocity; called by ``fit`` before its first step."""
        self.velocity = np.zeros(n_params)
        self._work = np.empty(n_params)

    def step(self, theta, grad):
        """One update of ``theta`` (modified in place) along the gradient ``grad``."""
        if self.velocity is None or self.velocity.shape != theta.shape:
            self.reset(theta.size)
        lr_grad = np.multiply(grad, self.lr, out=self._work)
        if self.momentum:
            v = self.velocity
            v *= self.momentum
            v -= lr_grad
            theta += v
        else:
            theta -= lr_grad

    def __repr__(self):
        return f"SGD(lr={self.lr!r}, momentum={self.momentum!r})"


def check_optimizer(optimizer):
    """``optimizer`` if it is an optimiser object (None: SGD()), else a ValueError saying what is allowed.

    An optimiser has ``reset(n_params)`` and ``step(theta, grad)``, as SGD does.
    """
    if optimizer is None:
        return SGD()
    allowed = "an optimiser object such as SGD(lr=0.1, momentum=0.9), or None for SGD(lr=0.1)"
    if isinstance(optimizer, type):
        raise ValueError(f"optimizer must be {allowed}; got the class {optimizer.__name__} itself: "
                         f"create one, optimizer={optimizer.__name__}(lr=...)")
    if isinstance(optimizer, str):
        raise ValueError(f"optimizer must be {allowed}; got the string {optimizer!r} (names are not accepted)")
    if not (callable(getattr(optimizer, "step", None)) and callable(getattr(optimizer, "reset", None))):
        raise ValueError(f"optimizer must be {allowed} (with reset and step methods); got {optimizer!r}")
    return optimizer
