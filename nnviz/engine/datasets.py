"""Seeded toy data sets, returned as plain arrays: X (n, d) float64 (x (n,) for 1-D data) and y int64.

Each generator takes a ``seed``; the same seed always gives the same arrays.
Samples come shuffled, except where the docstring says otherwise.
"""

from __future__ import annotations

import numpy as np

from .validation import check_non_negative, check_positive_int, check_seed


def _rng(seed):
    """The generator for ``seed``: None or a non-negative integer (ValueError naming ``seed`` otherwise)."""
    return np.random.default_rng(check_seed("seed", seed))


def _shuffled(rng, X, y):
    order = rng.permutation(len(y))
    return X[order], y[order]


def two_gaussians(n_per_class=100, seed=0, mean=1.5, sigma=1.0):
    """One feature, two classes: x ~ N(-mean, sigma) for class 0 and N(+mean, sigma) for class 1.

    Why: the smallest classification problem there is, for one neuron; the
    classes overlap, so even the best boundary (x = 0) makes a few mistakes.
    Returns x (2 n_per_class,) and y, class 0 first, then class 1 (not shuffled).
    """
    n = check_positive_int("n_per_class", n_per_class)
    check_non_negative("sigma", sigma)
    rng = _rng(seed)
    x = np.concatenate([rng.normal(-mean, sigma, n), rng.normal(mean, sigma, n)])
    y = np.repeat(np.array([0, 1], dtype=np.int64), n)
    return x, y


def separable(n=200, seed=0, distance=3.0, spread=0.7):
    """Two round clouds of points in 2-D that a straight line separates.

    Why: logistic regression (a network without hidden layer) handles this
    perfectly; the contrast with ``parabola`` motivates hidden layers.
    Class 0 is centred at (-d/2, -d/2)/sqrt(2), class 1 opposite, d = ``distance``.
    """
    n = check_positive_int("n", n)
    check_non_negative("spread", spread)
    rng = _rng(seed)
    n0 = n // 2
    y = np.r_[np.zeros(n0, np.int64), np.ones(n - n0, np.int64)]
    centre = distance / 2 / np.sqrt(2) * np.array([1.0, 1.0])
    X = rng.normal(0.0, spread, (n, 2)) + np.where(y[:, None] == 1, centre, -centre)
    return _shuffled(rng, X, y)


def parabola(n=400, seed=0, curvature=1.0, offset=-1.0, noise=0.15):
    """Points in [-2, 2] x [-2, 2]; class 1 above the parabola x2 = curvature x1^2 + offset.

    Why: the border is curved, so logistic regression on (x1, x2) fails, while
    adding x1^2 as a feature, or a hidden layer, bends the boundary to fit.
    ``noise`` (standard deviation, in x2 units) blurs the border so a few
    points sit on the wrong side, as in real data.
    """
    n = check_positive_int("n", n)
    check_non_negative("noise", noise)
    rng = _rng(seed)
    X = rng.uniform(-2.0, 2.0, (n, 2))
    border = curvature * X[:, 0] ** 2 + offset
    y = (X[:, 1] + rng.normal(0.0, noise, n) > border).astype(np.int64)
    return X, y


STAIRS_LIGHT = (0, 10)     # a "white" step: intensities 0..10 (0 = white)
STAIRS_DARK = (150, 255)   # the three "dark" pixels of a staircase: 150..255 (255 = black)


def is_stairs(X):
    """The labelling rule of ``stairs``: which 2x2 images (rows x1..x4) are staircases."""
    X = np.asarray(X)
    light = (X >= STAIRS_LIGHT[0]) & (X <= STAIRS_LIGHT[1])
    dark = (X >= STAIRS_DARK[0]) & (X <= STAIRS_DARK[1])
    rises_left = light[:, 1] & dark[:, 0] & dark[:, 2] & dark[:, 3]
    rises_right = light[:, 0] & dark[:, 1] & dark[:, 2] & dark[:, 3]
    return np.where(rises_left, 1, np.where(rises_right, 2, 0))


def stairs(n=500, seed=0, multiclass=False):
    """2x2 grayscale images, intensity 0 (white) .. 255 (black), label "is it a staircase?".

    Pixels are the columns x1..x4: top-left, top-right, bottom-left, bottom-right
    (``X.reshape(-1, 2, 2)`` gives the images). A staircase is a dark bottom row
    plus one dark top pixel, the other top pixel white: dark pixels in
    150..255, the white one in 0..10. Half the images are staircases (half of
    those rise to the left, half to the right); the rest have four pixels drawn
    uniformly from 0..255, redrawn in the rare case they happen to form a
    staircase so that every label is right.

    Why: the perceptron, sigmoid and two-layer examples of the stairs chapter;
    no single linear score can tell which top pixel should be dark.
    multiclass=True labels 0 = not stairs, 1 = rising to the left (top-left
    dark), 2 = rising to the right (top-right dark), for a softmax classifier.
    Returns X (n, 4) float64 with integer values (divide by 255 before training) and y.
    """
    n = check_positive_int("n", n)
    rng = _rng(seed)
    n_stairs = n // 2
    n_left = n_stairs // 2
    kinds = np.r_[np.ones(n_left, np.int64), np.full(n_stairs - n_left, 2, np.int64)]
    X_stairs = rng.integers(STAIRS_DARK[0], STAIRS_DARK[1] + 1, (n_stairs, 4))
    white = np.where(kinds == 1, 1, 0)  # rising left: top-right white; rising right: top-left white
    X_stairs[np.arange(n_stairs), white] = rng.integers(STAIRS_LIGHT[0], STAIRS_LIGHT[1] + 1, n_stairs)

    X_other = rng.integers(0, 256, (n - n_stairs, 4))
    while (redraw := is_stairs(X_other) > 0).any():
        X_other[redraw] = rng.integers(0, 256, (int(redraw.sum()), 4))

    X = np.vstack([X_stairs, X_other]).astype(np.float64)
    y = np.r_[kinds, np.zeros(n - n_stairs, np.int64)]
    if not multiclass:
        y = (y > 0).astype(np.int64)
    return _shuffled(rng, X, y)


def circles(n=200, seed=0, noise=0.1, factor=0.5):
    """Two concentric rings in 2-D: class 1 the inner ring (radius ``factor``), class 0 the outer (radius 1).

    Why: a border no line and no single bend can draw; needs a closed boundary.
    """
    n = check_positive_int("n", n)
    check_non_negative("noise", noise)
    rng = _rng(seed)
    n_out = n // 2
    t = rng.uniform(0.0, 2 * np.pi, n)
    r = np.r_[np.ones(n_out), np.full(n - n_out, factor)]
    X = np.c_[r * np.cos(t), r * np.sin(t)] + rng.normal(0.0, noise, (n, 2))
    y = np.r_[np.zeros(n_out, np.int64), np.ones(n - n_out, np.int64)]
    return _shuffled(rng, X, y)


def xor(n=200, seed=0, noise=0.35):
    """Four clouds at (+-1, +-1); class 1 where exactly one coordinate is positive.

    Why: the classic problem a single neuron cannot solve (no line puts the
    diagonal pairs on the same side) and one hidden layer can.
    """
    n = check_positive_int("n", n)
    check_non_negative("noise", noise)
    rng = _rng(seed)
    corners = rng.choice(np.array([[1.0, 1.0], [-1.0, -1.0], [1.0, -1.0], [-1.0, 1.0]]), n)
    X = corners + rng.normal(0.0, noise, (n, 2))
    y = (corners[:, 0] * corners[:, 1] < 0).astype(np.int64)
    return X, y


def moons(n=200, seed=0, noise=0.2):
    """Two interleaving half circles (as scikit-learn's make_moons), with Gaussian noise.

    Why: a standard curved problem, used by the engine benchmark (1000 points, noise 0.2).
    Class 0 is the upper moon centred at (0, 0), class 1 the lower one centred at (1, 0.5).
    """
    n = check_positive_int("n", n)
    check_non_negative("noise", noise)
    rng = _rng(seed)
    n0 = n // 2
    t0 = np.linspace(0.0, np.pi, n0)
    t1 = np.linspace(0.0, np.pi, n - n0)
    X = np.r_[np.c_[np.cos(t0), np.sin(t0)], np.c_[1.0 - np.cos(t1), 0.5 - np.sin(t1)]]
    X += rng.normal(0.0, noise, X.shape)
    y = np.r_[np.zeros(n0, np.int64), np.ones(n - n0, np.int64)]
    return _shuffled(rng, X, y)


def spiral(n=300, seed=0, classes=3, noise=0.2, turns=0.75):
    """``classes`` arms winding out from the origin, one class per arm.

    Why: a multi-class problem (softmax + cross-entropy) with strongly curved
    borders; a small net needs many epochs and enough hidden units.
    Each arm turns ``turns`` of a circle; ``noise`` jitters the angle (radians).
    """
    n = check_positive_int("n", n)
    check_non_negative("noise", noise)
    classes = check_positive_int("classes", classes, minimum=2)
    rng = _rng(seed)
    y = np.arange(n, dtype=np.int64) % classes
    r = np.empty(n)
    for k in range(classes):
        r[y == k] = np.linspace(0.05, 1.0, int(np.sum(y == k)))
    angle = 2 * np.pi * (turns * r + y / classes) + rng.normal(0.0, noise, n)
    X = np.c_[r * np.cos(angle), r * np.sin(angle)]
    return _shuffled(rng, X, y)
