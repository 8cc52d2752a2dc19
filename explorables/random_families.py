"""Random families, drawn again: the reader picks a network's shape (one or two inputs, up to three
hidden layers of up to 64 nodes), its activation and whether the weights are scaled by √(3/n),
and draws random networks one after another, the earlier draws staying as grey ghosts (curves)
or the current one shown as a map with its border line (two inputs).

Every draw is seeded and reproducible: the page runs NumPy's own generator (``default_rng(seed)``,
PCG64 seeded through SeedSequence, reimplemented bit for bit in
docs/assets/js/explore/random-families/draw-again.js), in the order ``nnviz.engine.random_family``
draws (per layer: the weights of all N_DRAWS draws, then their biases), so draw d of seed s in the
page IS draw d of ``random_family(sizes, seed=s, n=N_DRAWS)``: with seed 0 the chapter's own
figures. Nothing per draw is exported; the data file holds the settings, the chapter's families
and the colour ranges. ``vectors()`` gives the engine's weights and outputs for the browser tests.
"""
from __future__ import annotations

import numpy as np

from nnviz.explore import chapters
from nnviz.render.plots import families

ID = "random-families/draw-again"
MAX_WIDTH = 100       # nodes per hidden layer (the chapter goes up to 100; a draw of 1-100-100-100-1 takes ~80 ms)
MAX_DEPTH = 3         # hidden layers
MAP_POINTS = 73       # grid points per side of a two-input map, as the chapter's surfaces
START = "tanh-1-11-9-1"   # the family shown first (its figure is the poster)
ACTIVATIONS = [       # [hidden activation, output activation, name]: the chapter's four
    ["identity", "identity", "linear"], ["sigmoid", "sigmoid", "logistic"], ["tanh", "tanh", "tanh"],
    ["relu", "identity", "ReLU"],
]


def _chapter():
    """The chapter's families and draws (figures_src/_random_families_data.py, as random_families.py uses it)."""
    import importlib

    chapters.script("random_families.py")  # puts figures_src/ on the path, as the figure build does
    return importlib.import_module("_random_families_data")


def _seed() -> int:
    """The seed of the chapter's START figure (its declared FigureSpec)."""
    script = chapters.script("random_families.py")
    return next(s.seed for s in script.__nnviz_figures__ if s.id == f"{script.CHAPTER}/{START}")


def export() -> dict:
    mod = _chapter()
    presets = [{"name": f.name, "sizes": list(f.sizes), "activation": f.activation, "output": f.output,
                "title": f.title}
               for f in mod.FAMILIES if f.show in ("curves", "surface")]
    return {
        "draws": mod.N_DRAWS,
        "low": mod.WEIGHTS["low"], "high": mod.WEIGHTS["high"], "xmax": mod.WEIGHTS["xmax"],
        "scaled": mod.WEIGHTS["scaled"], "seed": _seed(), "start": START,
        "curvePoints": mod.CURVE_POINTS, "mapPoints": MAP_POINTS,
        "flat": mod.FLAT,  # |tanh output| beyond this: pressed flat against the end of its range
        "maxWidth": MAX_WIDTH, "maxDepth": MAX_DEPTH,
        "activations": ACTIVATIONS,
        "range": {k: list(v) for k, v in families.ACTIVATION_RANGE.items()},
        "threshold": dict(families.THRESHOLD),
        "presets": presets,
    }


# (sizes, hidden activation, output activation, scaled, seed, draws): the cases the browser test checks
CASES = [
    ((1, 11, 9, 1), "tanh", "tanh", True, 0, (0, 1, 48)),      # the chapter's tanh-1-11-9-1 animation
    ((1, 100, 1), "tanh", "tanh", False, 7, (0, 5)),
    ((1, 64, 1), "identity", "identity", True, 3, (2,)),
    ((1, 1), "sigmoid", "sigmoid", True, 123456789012, (0, 48)),
    ((1, 8, 8, 8, 1), "relu", "identity", False, 4294967295, (10,)),
    ((2, 16, 16, 1), "relu", "identity", True, 0, (0, 2)),       # the chapter's relu-2-16-16-1
    ((2, 1), "sigmoid", "sigmoid", True, 21, (1,)),
]


def vectors() -> dict:
    """The engine's draws for CASES: each draw's first-layer weights and biases, and its outputs at
    the chapter's x grid (one input) or at 40 points of the square (two inputs). For the chapter's
    own tanh-1-11-9-1 family the outputs are the figure script's (`family_values`)."""
    mod = _chapter()
    lo, hi, xmax = mod.WEIGHTS["low"], mod.WEIGHTS["high"], mod.WEIGHTS["xmax"]
    rng = np.random.default_rng(21)
    out = []
    for sizes, act, output, scaled, seed, draws in CASES:
        net = mod.draw_family(sizes, act, output, lo, hi, scaled, seed)
        if sizes[0] == 1:
            points = np.linspace(-xmax, xmax, mod.CURVE_POINTS)[:, None]
        else:
            points = rng.uniform(-xmax, xmax, (40, 2))
        Y = net.forward(points)[..., 0]
        if sizes == (1, 11, 9, 1) and seed == 0 and scaled:
            fam = next(f for f in mod.FAMILIES if f.name == START)
            Y = mod.family_values(fam, lo, hi, xmax, seed, scaled)[1][..., 0]
        (W0, b0) = net.weights[0]
        out.append({"sizes": list(sizes), "activation": act, "output": output, "scaled": scaled, "seed": seed,
                    "points": points, "draws": [
                        {"draw": d, "W0": W0[d], "b0": b0[d], "y": Y[d]} for d in draws]})
    return {"cases": out}
