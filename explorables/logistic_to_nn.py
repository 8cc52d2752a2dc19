"""Hidden neurons at work: one epoch scrubber drives a net's decision map, each hidden neuron's map,
the diagram's edge weights and the loss curve together; a choice of 1, 2, 12 or 50 hidden neurons;
for two, the data as the hidden layer sees it, (h1, h2), where a straight line separates the classes.

Numbers from the chapter's figure scripts (figures_src/logistic_to_nn_hidden.py and its data) and
nnviz.engine: the parabola data, each net's weights at the epochs the chapter's animations show (the
very nets trained there, snapshots from their History), and the loss and accuracy of every epoch
(drawn only, rounded to 6 significant digits). The page runs each net's forward pass itself.
"""
from __future__ import annotations

import numpy as np

from nnviz.explore import chapters

ID = "logistic-to-nn/hidden-neurons"
HIDDEN = (1, 2, 12, 50)
CURVE_DIGITS = 6  # significant digits of the drawn loss and accuracy curves
PAD = 0.08        # margin of the plane around the data, as the chapter's maps (fields.plane_grid)


def _chapter():
    return chapters.script("logistic_to_nn_hidden.py")


def _significant(values, digits=CURVE_DIGITS):
    return [float(f"{v:.{digits}g}") for v in np.asarray(values, dtype=float)]


def export() -> dict:
    mod = _chapter()
    X, y = mod.data("parabola")
    epochs = [int(e) for e in mod.anim_epochs()]
    lo, hi = X.min(axis=0), X.max(axis=0)
    margin = PAD * (hi - lo)
    nets = {}
    for h in HIDDEN:
        net, hist = mod.trained("parabola", h)
        snaps = [[{"W": W, "b": b} for W, b in hist.weights_at(e)] for e in epochs]
        nets[str(h)] = {"snapshots": snaps, "loss": _significant(mod.per_epoch(hist, "loss")),
                        "accuracy": _significant(mod.per_epoch(hist, "accuracy"))}
    return {"X": X, "y": y, "epochs": epochs, "hidden": list(HIDDEN), "nets": nets,
            "x1": [lo[0] - margin[0], hi[0] + margin[0]], "x2": [lo[1] - margin[1], hi[1] + margin[1]],
            "activation": "tanh", "output": "sigmoid"}


def vectors() -> dict:
    """For each net at three of the shown epochs: points (the first data points and random ones over
    the plane) with the engine's hidden outputs and output probability there."""
    mod = _chapter()
    X, _ = mod.data("parabola")
    epochs = [int(e) for e in mod.anim_epochs()]
    rng = np.random.default_rng(21)
    points = np.vstack([X[:5], rng.uniform(-2.2, 2.2, (10, 2))])
    cases = []
    for h in HIDDEN:
        net, hist = mod.trained("parabola", h)
        shown = net.copy()
        for k in (0, len(epochs) // 2, len(epochs) - 1):
            shown.set_weights(hist.weights_at(epochs[k]))
            acts = shown.forward(points, return_all=True)
            cases.append({"hidden": h, "index": k, "points": points, "h": acts[1], "p": acts[2][:, 0]})
    return {"cases": cases}
