"""Random nets, drawn again: the reader picks the width, the depth and the activation of a
1-input net, switches the weight scale (uniform on [-1, 1], or scaled by √(3/n)) and draws three
nets again and again from a seed (a number box, and the page's address, bring a draw back).

The page draws the weights itself, exactly as NumPy's ``default_rng(seed).uniform`` does (PCG64
seeded through SeedSequence, in BigInt arithmetic), in the order ``nnviz.engine.random_family``
draws them, and scales them as the chapter does (figures_src/_random_families_data.py). The test
vectors are the engine's own draws and outputs, which the browser test compares with the page's.
"""
from __future__ import annotations

import numpy as np

from nnviz.engine import random_family
from nnviz.explore import chapters

ID = "random-families/draw-again"
WIDTHS = (1, 2, 4, 8, 16, 64)
DEPTHS = (1, 2, 3)
ACTIVATIONS = ("identity", "sigmoid", "tanh", "relu")
DRAWS = 3
POINTS = 241
SEED_MAX = 2**32 - 1  # seeds of one 32-bit word: the page's SeedSequence handles up to two


def _chapter():
    return chapters.script("_random_families_data.py")


def export() -> dict:
    mod = _chapter()
    w = mod.WEIGHTS
    return {"widths": list(WIDTHS), "depths": list(DEPTHS), "activations": list(ACTIVATIONS), "draws": DRAWS,
            "low": w["low"], "high": w["high"], "xmax": w["xmax"], "points": POINTS, "seedMax": SEED_MAX,
            "start": {"seed": 0, "width": 8, "depth": 2, "activation": "tanh", "scaled": True},
            "output": "identity"}


def draw(sizes, activation, seed, scaled):
    """The engine's draw of DRAWS nets, scaled by fan-in as the chapter's figures when `scaled`."""
    mod = _chapter()
    w = mod.WEIGHTS
    fam = random_family(list(sizes), activation, n=DRAWS, seed=seed, low=w["low"], high=w["high"], output="identity")
    return mod.scaled_by_fan_in(fam) if scaled else fam


def vectors() -> dict:
    """Draws for a few (sizes, activation, seed, scale) choices: the engine's weights of every net
    and its outputs at a few x."""
    x = np.array([-6.0, -1.5, 0.0, 0.3, 4.0])
    cases = []
    for sizes, act, seed, scaled in (([1, 2, 1], "tanh", 0, True), ([1, 11, 9, 1], "tanh", 7, False),
                                     ([1, 64, 1], "relu", 4294967295, True), ([1, 16, 16, 16, 1], "sigmoid", 123, True),
                                     ([1, 4, 1], "identity", 2**31, False)):
        fam = draw(sizes, act, seed, scaled)
        cases.append({"sizes": sizes, "activation": act, "seed": seed, "scaled": scaled, "x": x,
                      "weights": [{"W": W, "b": b} for W, b in fam.weights], "y": fam.forward(x[:, None])[:, :, 0]})
    return {"cases": cases}
