"""Loss functions: each states its value and its gradient side by side.

Every loss sees the output layer's pre-activation ``z`` (n, k), its output
``a = f(z)`` (n, k) and the targets ``Y`` (n, k) as floats (class labels are
one-hot encoded once, by ``targets``). ``value`` is the mean over samples.

Cross-entropy losses are computed from the logits ``z``, never from
log(a), so no log(0) can happen, and as a sum of terms that are each >= 0
(softplus, log1p), never as the difference of two large sums: a loss is
never negative, and a tiny loss (say 5e-16) is not rounded to zero. Their gradient is taken straight with
respect to ``z`` ("fused" with the output activation): for sigmoid + binary
cross-entropy and softmax + cross-entropy the activation's derivative cancels
the logarithm's and dL/dz = (a - y) / n.
"""

from __future__ import annotations

import numpy as np

from .validation import check_choice, check_targets


class Loss:
    """L(a, y); subclasses define ``value`` and ``gradient``."""

    name = "?"
    output = None   # the output activation this loss requires (and is fused with), if any
    wrt = "a"       # "a": gradient() returns dL/da; "z": dL/dz, output derivative folded in

    def value(self, z, a, Y) -> float:
        raise NotImplementedError

    def gradient(self, a, Y, out=None):
        raise NotImplementedError

    def targets(self, y, n_outputs):
        """y as given by the user -> float array (n, n_outputs) that value/gradient expect."""
        return check_targets(y, self.name, n_outputs)

    def __repr__(self):
        return f"{type(self).__name__}()"


class MeanSquaredError(Loss):
    """mean over samples and outputs of (a - y)^2: regression, or any output."""

    name = "mse"

    def value(self, z, a, Y):
        d = a - Y
        return float(np.vdot(d, d)) / d.size

    def gradient(self, a, Y, out=None):  # dL/da = 2 (a - y) / (n k)
        out = np.subtract(a, Y, out=out)
        out *= 2.0 / out.size
        return out


class BinaryCrossEntropy(Loss):
    """-mean[y log a + (1 - y) log(1 - a)] with a = sigmoid(z): yes/no probabilities.

    Written with the logits, each term is log(1 + e^-z) when y = 1 and log(1 + e^z)
    when y = 0, i.e. softplus((1 - 2y) z) for y in {0, 1}: one non-negative term per
    answer, summed. logaddexp(0, t) evaluates softplus(t) without overflow (a wrong
    answer at z = 1000 costs 1000, not infinity) and as log1p(e^t) for t < 0, so a
    right answer at z = 40 still costs 4.2e-18, not 0. (The textbook form
    log(1 + e^z) - y z is the same number, but as a difference of two large sums it
    rounds tiny losses to 0 or below.) With several sigmoid outputs each is its own
    yes/no question.
    """

    name = "bce"
    output = "sigmoid"
    wrt = "z"

    def value(self, z, a, Y):
        t = np.multiply(Y, -2.0)
        t += 1.0
        t *= z                                 # (1 - 2y) z: minus the margin of each answer
        return float(np.logaddexp(0.0, t, out=t).sum()) / len(z)

    def gradient(self, a, Y, out=None):  # dL/dz = (sigmoid(z) - y) / n
        out = np.subtract(a, Y, out=out)
        out *= 1.0 / len(out)
        return out


class CrossEntropy(Loss):
    """-mean log a_y with a = softmax(z): one class out of k, labels 0..k-1.

    From the logits, -log softmax(z)_y = logsumexp(z) - z_y. With m the row maximum
    (reached at column j*), that is (m - z_y) + log1p(sum over j != j* of e^(z_j - m)):
    both terms are >= 0, exp never overflows, and a confident right answer keeps
    its tiny cost (log1p(1e-17) = 1e-17) instead of the difference of two large sums.
    """

    name = "ce"
    output = "softmax"
    wrt = "z"

    def value(self, z, a, Y):
        rows = np.arange(len(z))
        top = z.argmax(axis=1)
        zmax = z[rows, top]
        e = np.subtract(z, zmax[:, None])
        np.exp(e, out=e)
        e[rows, top] = 0.0                     # the maximum's own e^0 = 1 is the "1" of log1p
        rest = np.log1p(e.sum(axis=1))
        gap = zmax - z[rows, Y.argmax(axis=1)]  # m - z_y >= 0, exactly 0 when y is the top class
        return float((gap + rest).sum()) / len(z)

    def gradient(self, a, Y, out=None):  # dL/dz = (softmax(z) - onehot(y)) / n
        out = np.subtract(a, Y, out=out)
        out *= 1.0 / len(out)
        return out


LOSSES = {cls.name: cls() for cls in (MeanSquaredError, BinaryCrossEntropy, CrossEntropy)}


def get(name):
    """The loss called ``name``."""
    return LOSSES[check_choice("loss", name, LOSSES)]


def default_for(output_name):
    """The natural loss of an output: bce for sigmoid, ce for softmax, mse otherwise."""
    return {"sigmoid": "bce", "softmax": "ce"}.get(output_name, "mse")
