"""Activation functions: each states its value and its derivative side by side.

An activation maps a layer's pre-activation ``z`` to its output ``a = f(z)``,
element by element (softmax, the one exception, works row by row). Every
derivative here is written with the *value* ``a`` rather than ``z``
(tanh' = 1 - a^2, sigmoid' = a (1 - a), relu' = [a > 0]), so backpropagation
needs to keep only each layer's output.

All functions work on whole batches, shape ``(n_samples, width)``, and take an
optional ``out`` array so the training loop can reuse its buffers.
"""

from __future__ import annotations

import numpy as np

from .validation import check_choice


class Activation:
    """f(z) and f'(z); subclasses define ``value`` and ``derivative``."""

    name = "?"

    def value(self, z, out=None):
        """a = f(z)."""
        raise NotImplementedError

    def derivative(self, a, out=None):
        """f'(z), computed from the value a = f(z)."""
        raise NotImplementedError

    def backward(self, a, grad, tmp=None):
        """dL/dz = dL/da * f'(z). Overwrites and returns ``grad``."""
        grad *= self.derivative(a, out=tmp)
        return grad

    def __repr__(self):
        return f"{type(self).__name__}()"


class Identity(Activation):
    """f(z) = z: a layer without it stays linear (linear regression, logits)."""

    name = "identity"

    def value(self, z, out=None):
        if out is None:
            return z.copy()
        if out is not z:
            np.copyto(out, z)
        return out

    def derivative(self, a, out=None):  # f'(z) = 1
        if out is None:
            return np.ones_like(a)
        out.fill(1.0)
        return out

    def backward(self, a, grad, tmp=None):  # dL/dz = dL/da
        return grad


class Sigmoid(Activation):
    """The logistic function 1 / (1 + e^-z): squashes to (0, 1), read as a probability.

    Computed as (1 + tanh(z / 2)) / 2, the same function written without an
    exponential, so it never overflows: sigmoid(-1000) = 0, sigmoid(1000) = 1.
    """

    name = "sigmoid"

    def value(self, z, out=None):
        out = np.multiply(z, 0.5, out=out)
        np.tanh(out, out=out)
        out *= 0.5
        out += 0.5
        return out

    def derivative(self, a, out=None):  # f'(z) = a (1 - a)
        out = np.subtract(1.0, a, out=out)
        out *= a
        return out


class Tanh(Activation):
    """tanh(z): squashes to (-1, 1); zero-centred, so stacked layers learn faster than with sigmoid."""

    name = "tanh"

    def value(self, z, out=None):
        return np.tanh(z, out=out)

    def derivative(self, a, out=None):  # f'(z) = 1 - a^2
        out = np.multiply(a, a, out=out)
        np.subtract(1.0, out, out=out)
        return out


class ReLU(Activation):
    """max(0, z): cheap, non-saturating for z > 0; gives piecewise-linear, creased surfaces."""

    name = "relu"

    def value(self, z, out=None):
        return np.maximum(z, 0.0, out=out)

    def derivative(self, a, out=None):  # f'(z) = 1 where z > 0, else 0
        if out is None:
            out = np.empty_like(a)
        return np.greater(a, 0.0, out=out)


class Softmax(Activation):
    """exp(z_k) / sum_j exp(z_j) along the last axis: turns a row of scores into class probabilities.

    The row maximum is subtracted first (log-sum-exp trick): the result is
    unchanged and exp never overflows.
    """

    name = "softmax"

    def value(self, z, out=None):
        out = np.subtract(z, z.max(axis=-1, keepdims=True), out=out)
        np.exp(out, out=out)
        out /= out.sum(axis=-1, keepdims=True)
        return out

    def derivative(self, a, out=None):
        raise TypeError("softmax has a Jacobian, not an element-wise derivative; use backward()")

    def backward(self, a, grad, tmp=None):
        # Jacobian-vector product: dL/dz_k = a_k (dL/da_k - sum_j dL/da_j a_j)
        grad -= (grad * a).sum(axis=-1, keepdims=True)
        grad *= a
        return grad


HIDDEN = {cls.name: cls() for cls in (Identity, Sigmoid, Tanh, ReLU)}
OUTPUT = {**HIDDEN, "softmax": Softmax()}
ALIASES = {"linear": "identity", "logistic": "sigmoid"}


def get(name, *, output=False):
    """The activation called ``name`` (aliases: 'linear', 'logistic')."""
    table = OUTPUT if output else HIDDEN
    what = "output" if output else "activation"
    if isinstance(name, str) and name.lower() not in table and name.lower() in ALIASES:
        name = ALIASES[name.lower()]
    if not output and name == "softmax":
        raise ValueError(
            "activation='softmax' is only valid for the output layer (output='softmax'); "
            f"valid hidden activations: {', '.join(sorted(HIDDEN))}"
        )
    return table[check_choice(what, name, table)]
