"""One neuron, by hand: the reader sets w and b; the sigmoid over the two classes, its boundary,
the loss and the accuracy follow; beside it the loss over (w, b) as contours, with the reader's
point, the path gradient descent took from a poor start, and the trained and reference neurons.

Numbers (all from the chapter's figure script figures_src/one_neuron.py and nnviz.engine):
the 200 samples, the descent path (w, b and loss at each of its epochs), the long-trained neuron
and scikit-learn's reference, and the loss on a (w, b) grid as contour lines (drawn only).
The page computes the sigmoid, the loss, its gradient and the accuracy itself (core: bce).
"""
from __future__ import annotations

import numpy as np

from nnviz.engine import MLP
from nnviz.explore import chapters
from nnviz.explore.jsdata import rounded

ID = "one-neuron/weight-and-bias"
W_RANGE = (-3.0, 6.0)  # the sliders' and the contour plot's extent
B_RANGE = (-5.0, 5.0)
GRID = 73              # loss grid points per side (contours only)
# The static figure one-neuron/loss-surface (figures_src/one_neuron.py, loss_surface_figure) colours the
# same loss on its own, narrower grid; the explorable takes that figure's levels and colour scale, so a
# colour means the same loss in both. Keep these in step with loss_surface_figure.


def _chapter():
    return chapters.script("one_neuron.py")


def loss_and_gradient(x, y, w, b):
    """The engine's binary cross-entropy of the neuron (w, b) on (x, y) and its gradient (dL/dw, dL/db)."""
    loss, [(dW, db)] = MLP([1, 1], output="sigmoid").set_weights([([[w]], [b])]).loss_and_gradients(
        np.asarray(x, dtype=float)[:, None], y, loss="bce")
    return float(loss), float(dW[0, 0]), float(db[0])


def loss_grid(x, y):
    """(ws, bs, L) with L[j, i] the loss at (ws[i], bs[j])."""
    ws, bs = np.linspace(*W_RANGE, GRID), np.linspace(*B_RANGE, GRID)
    L = np.array([[loss_and_gradient(x, y, w, b)[0] for w in ws] for b in bs])
    return ws, bs, L


def figure_levels(mod, x, y):
    """The 16 contour levels of one-neuron/loss-surface (geometric, from 1.01 x its least loss to its
    largest): its colour scale is viridis, log-scaled from the first to the last (LogNorm), darker: lower."""
    return mod.loss_surface_grid(x, y)[3]


def contour_levels(key, top):
    """The figure's levels, continued at the same ratio up to `top` (the explorable spans more (w, b))."""
    ratio = key[1] / key[0]
    levels = list(key)
    while levels[-1] * ratio < top:
        levels.append(levels[-1] * ratio)
    return levels


def contour_lines(ws, bs, L, levels):
    """[{level, lines: [[w0, b0, w1, b1, ...], ...]}] from the loss grid (contourpy, matplotlib's own)."""
    import contourpy

    gen = contourpy.contour_generator(ws, bs, L, line_type=contourpy.LineType.Separate)
    out = []
    for level in levels:
        lines = [rounded(seg, 3).ravel() for seg in gen.lines(level) if len(seg) > 1]
        out.append({"level": float(level), "lines": lines})
    return out


def export() -> dict:
    mod = _chapter()
    x, y = mod.samples(0)
    params, path_loss = mod.trained_from_bad_start(0)
    net, ref = mod.converged_neuron(0)
    (W, b), = net.weights
    ws, bs, L = loss_grid(x, y)
    key = figure_levels(mod, x, y)
    return {
        "x": x, "y": y,
        "xlim": list(mod.XLIM),
        "wRange": list(W_RANGE), "bRange": list(B_RANGE),
        "start": list(mod.FIT_START), "lr": mod.FIT_LR,
        "path": {"w": params[:, 0], "b": params[:, 1], "loss": path_loss},
        "trained": {"w": float(W[0, 0]), "b": float(b[0]), "epochs": mod.REF_EPOCHS},
        "reference": {"w": float(ref.coef_[0, 0]), "b": float(ref.intercept_[0])},
        "contours": contour_lines(ws, bs, L, contour_levels(key, float(L.max()))),
        "lossKey": {"levels": rounded(key, 6), "cmap": "seq"},
        "lossRange": [float(L.min()), float(L.max())],
    }


def vectors() -> dict:
    """Cases for the browser test: (w, b) points and the engine's loss, gradient, accuracy and
    probabilities there (the probabilities at the first five samples and at x = -5, 0, 5)."""
    mod = _chapter()
    x, y = mod.samples(0)
    rng = np.random.default_rng(21)
    points = [(0.0, 0.0), (-1.0, 2.0), (5.9, -4.9), (1e-9, 3.0), (-3.0, -5.0)]
    points += [tuple(p) for p in np.column_stack([rng.uniform(*W_RANGE, 10), rng.uniform(*B_RANGE, 10)])]
    probe = np.r_[x[:5], -5.0, 0.0, 5.0]
    cases = []
    for w, b in points:
        net = MLP([1, 1], output="sigmoid").set_weights([([[w]], [b])])
        loss, dw, db = loss_and_gradient(x, y, w, b)
        cases.append({"w": w, "b": b, "loss": loss, "dw": dw, "db": db,
                      "accuracy": net.accuracy(x[:, None], y),
                      "probe": probe, "p": net.predict_proba(probe[:, None])})
    return {"cases": cases}
