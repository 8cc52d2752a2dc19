"""The chapter "What networks learn": its random-weight families and their draws, shared by
random_families.py (each family's animation and still) and random_families_scale.py (what
saturation and unscaled inputs do to the same draws).

Every draw is seeded (the figure's seed) and every family is evaluated in ONE batched
`forward` call; the functions here return numbers only, the scripts draw them.
"""
import functools
from dataclasses import dataclass

import numpy as np

from nnviz.engine import RandomFamily, random_family
from nnviz.render.plots import families

N_DRAWS = 49
# Weights drawn uniform on [low, high], then (scaled) multiplied by √(3/n) in a layer of n inputs;
# inputs run from -xmax to xmax.
WEIGHTS = {"low": -1.0, "high": 1.0, "xmax": 6.0, "scaled": True}
CURVE_POINTS = 401        # samples along x for one-input families (about 1.7 per CSS px of a 688-px frame)
SURFACE_MESH = 73         # 73 x 73 points (a value every 1/6 of a unit) for the map and the 3-D mesh
REGION_MESH = 121         # pixels per side of a 2-D argmax map (about one per CSS px; borders drawn as lines)
FLAT = 0.95               # |tanh output| beyond this counts as pressed flat against the end of its range


@dataclass(frozen=True)
class Family:
    """One family: a shape, its activations, how to show it, and what to say about it."""

    name: str
    sizes: tuple
    activation: str           # hidden layers (and the only layer of a one-layer net)
    output: str               # the last layer
    show: str                 # curves | sign | argmax (one input); surface | regions (two inputs)
    title: str                # written on every frame
    look: str                 # the caption: what to look at (may use {fact} placeholders)
    picture: str              # the alt text: what one draw looks like

    @property
    def inputs(self) -> int:
        return self.sizes[0]


FAMILIES = [
    Family("linear-1-1", (1, 1), "identity", "identity", "curves", "linear, 1 input → 1 output",
           "Every draw is a straight line $y = wx + b$: the weight sets the slope, the bias where it "
           "crosses x = 0.",
           "a straight line with some slope and height"),
    Family("linear-2-1", (2, 1), "identity", "identity", "surface", "linear, 2 inputs → 1 output",
           "With two inputs every draw is a flat plane, tilted by the two weights and lifted by the bias; "
           "seen from above, its colour bands and its zero line are parallel straight lines.",
           "a tilted flat plane over the x1-x2 square; seen from above, evenly spaced straight colour bands"),
    Family("linear-1-64-1", (1, 64, 1), "identity", "identity", "curves", "linear, 1 → 64 → 1",
           "64 hidden nodes, still only straight lines: across all {draws} draws no curve strays more "
           "than {straightness} from its best straight line.",
           "a straight line, steep or shallow"),
    Family("linear-1-16-16-1", (1, 16, 16, 1), "identity", "identity", "curves", "linear, 1 → 16 → 16 → 1",
           "Two hidden layers of 16 linear nodes: the result is still a line (largest gap from a straight "
           "line: {straightness}). Stacking linear layers adds nothing.",
           "a straight line, steep or shallow"),
    Family("logistic-1-1", (1, 1), "sigmoid", "sigmoid", "curves", "logistic, 1 input → 1 output",
           "The same lines pushed through the logistic function: S-curves squashed between 0 and 1, "
           "steep when the weight is large, almost flat when it is small.",
           "an S-shaped curve between 0 and 1, rising or falling, steep or gentle"),
    Family("logistic-2-1", (2, 1), "sigmoid", "sigmoid", "surface", "logistic, 2 inputs → 1 output",
           "A tablecloth between two tables of different heights. Seen from above its colour bands are "
           "straight, so the 0.5 cut (the line on the map) always splits the plane into two halves along a line.",
           "a sheet low on one side and high on the other with a smooth fold between; seen from above, "
           "straight parallel colour bands and a straight border line"),
    Family("tanh-1-1", (1, 1), "tanh", "tanh", "curves", "tanh, 1 input → 1 output",
           "tanh gives the same S-shapes as the logistic function, but between -1 and +1.",
           "an S-shaped curve between -1 and 1, rising or falling"),
    Family("tanh-1-100-1", (1, 100, 1), "tanh", "tanh", "curves", "tanh, 1 → 100 → 1",
           "100 tanh nodes feed one tanh output: curves that rise and fall, with {bends} visible turning "
           "points per curve on average.",
           "a smooth curve between -1 and 1 that rises and falls, often with a hill or a valley"),
    Family("tanh-1-11-9-1", (1, 11, 9, 1), "tanh", "tanh", "curves", "tanh, 1 → 11 → 9 → 1",
           "Two hidden layers with 20 nodes in all, a fifth of the 100 above, and curves just as varied: "
           "{bends} visible turning points per curve on average.",
           "a wavy curve between -1 and 1 with hills and valleys"),
    Family("tanh-2-64-1", (2, 64, 1), "tanh", "tanh", "surface", "tanh, 2 → 64 → 1",
           "Two inputs, one hidden layer of 64: smooth hills, valleys and ridges, all between -1 and 1. "
           "The line on the map is where the output is 0.",
           "a smooth, gently folded surface over the x1-x2 square"),
    Family("tanh-2-16-16-1", (2, 16, 16, 1), "tanh", "tanh", "surface", "tanh, 2 → 16 → 16 → 1",
           "Two hidden layers of 16: smooth surfaces with folds, ridges and wells, within -1..1. "
           "The map shows the two categories a zero cut-off would make.",
           "a smooth surface with folds, ridges and wells"),
    Family("relu-2-16-16-1", (2, 16, 16, 1), "relu", "identity", "surface", "ReLU, 2 → 16 → 16 → 1",
           "ReLU hidden layers (the output is their plain weighted sum): flat facets meeting at sharp creases, "
           "and zero lines on the map with corners (the surface is shaded by each facet's tilt, so the creases show). "
           "Unlike tanh, the output is not bounded.",
           "a faceted surface of flat tilted pieces meeting along straight creases, and on the map a "
           "zero line that bends at sharp corners"),
    Family("classifier-1d", (1, 11, 9, 1), "tanh", "tanh", "sign", "tanh 1 → 11 → 9 → 1 as a classifier",
           "The 1-11-9-1 curves read as classifiers: above the dashed zero line is category A, below is B. "
           "Each crossing is a border; in {interleaved} of {draws} draws A and B alternate (three regions or "
           "more, up to {regions_max}).",
           "a wavy curve over a dashed zero line; the background is shaded in one colour where the curve is "
           "above zero (A) and another where it is below (B), with letters over each region"),
    Family("multiclass-1d-2", (1, 16, 16, 2), "tanh", "tanh", "argmax", "tanh 1 → 16 → 16 → 2",
           "Two outputs, two curves: wherever one is higher its category wins, so every crossing is a border. "
           "The curves cross {crossings_mean} times per draw on average.",
           "two curves in two colours that cross at a few places; the background between crossings is "
           "shaded in the colour of the higher curve and lettered A or B"),
    Family("multiclass-1d-3", (1, 16, 16, 3), "tanh", "tanh", "argmax", "tanh 1 → 16 → 16 → 3",
           "Three outputs: the highest curve names the category. In {all_win} of {draws} draws all three "
           "categories win somewhere; sometimes the winner leads by very little.",
           "three curves in three colours; the background is shaded in the colour of whichever curve is "
           "highest, with letters A, B and C over the regions"),
    Family("multiclass-2d-2", (2, 16, 16, 2), "tanh", "tanh", "regions", "tanh 2 → 16 → 16 → 2",
           "Two inputs, two outputs: the plane coloured by the larger output. Borders are smooth curves, "
           "and regions can be islands; the colour fades where the two outputs are close.",
           "a square map split into two coloured regions by smooth curved borders, sometimes with islands; "
           "colours fade near the borders"),
    Family("multiclass-2d-3", (2, 16, 16, 3), "tanh", "tanh", "regions", "tanh 2 → 16 → 16 → 3",
           "Three outputs split the plane three ways; in {all_win} of {draws} draws every category "
           "gets a region. The colour fades where the winner leads by little.",
           "a square map split into up to three coloured regions by smooth curved borders; colours fade "
           "near the borders"),
]


# ---------------------------------------------------------------- data: one batched call per family


def weights_text(params, short: bool = False) -> str:
    """How the weights are drawn, for the page (`weights` fact) or a frame title (`short`)."""
    lo, hi = params["low"], params["high"]
    if not params.get("scaled"):
        return f"uniform on [{lo:g}, {hi:g}]"
    if short:
        return f"U[{lo:g}, {hi:g}] × √(3/n)"
    return f"uniform on [{lo:g}, {hi:g}], then multiplied by √(3/n) in a layer whose nodes each add up n inputs"


def scaled_by_fan_in(net: RandomFamily) -> RandomFamily:
    """The same draws with each layer's weights and biases multiplied by √(3/n), n = the layer's inputs.

    A weight uniform on [-1, 1] has variance 1/3; times √(3/n) it has variance 1/n, so a node
    adding up n inputs of size about 1 gets a sum of size about 1 however wide the layer is:
    LeCun, Bottou, Orr and Müller, "Efficient BackProp" (1998), section 4.6 (Keras calls this
    `lecun_uniform`). The bias is scaled with the weights, as the weight of the bias node.
    """
    params = [(W * np.sqrt(3 / W.shape[1]), b * np.sqrt(3 / W.shape[1])) for W, b in net.weights]
    return RandomFamily(net.sizes, params, activation=net.activation, output=net.output)


def draw_family(sizes, activation: str, output: str, low: float, high: float, scaled: bool, seed: int):
    """N_DRAWS random nets of one shape: weights uniform on [low, high], then scaled by fan-in if `scaled`."""
    net = random_family(list(sizes), activation, n=N_DRAWS, seed=seed, low=low, high=high, output=output)
    return scaled_by_fan_in(net) if scaled else net


@functools.cache
def family_values(fam: Family, low: float, high: float, xmax: float, seed: int, scaled: bool = True):
    """The grid and every draw's outputs on it, from ONE batched `forward` call.

    One input: (x (points,), Y (draws, points, k)).
    Two inputs: (g (m,), Y (draws, m, m, k)) on the square grid g x g, row i at x2 = g[i].
    """
    net = draw_family(fam.sizes, fam.activation, fam.output, low, high, scaled, seed)
    if fam.inputs == 1:
        x = np.linspace(-xmax, xmax, CURVE_POINTS)
        return x, net.forward(x[:, None])
    g = np.linspace(-xmax, xmax, SURFACE_MESH if fam.show == "surface" else REGION_MESH)
    g1, g2 = np.meshgrid(g, g)
    Y = net.forward(np.column_stack([g1.ravel(), g2.ravel()]))
    return g, Y.reshape(N_DRAWS, len(g), len(g), -1)


def values(ctx, fam: Family):
    """`family_values` for the figure being built: its weight parameters and its seed."""
    p = ctx.params
    return family_values(fam, float(p["low"]), float(p["high"]), float(p["xmax"]), ctx.seed, bool(p["scaled"]))


def mean_bends(Y, output: str) -> float:
    """Visible turning points per curve: Y (draws, points, k), every output's curve counted.

    A turning point is visible when the curve swings back by at least 2 % of the family's
    axis height (`families.value_limits`), about 6 CSS px on the page.
    """
    tol = 0.02 * np.ptp(families.value_limits(Y, output))
    return float(np.mean([families.turning_points(Y[d, :, j], tol)
                          for d in range(Y.shape[0]) for j in range(Y.shape[2])]))


def category_maps(fam: Family, Y) -> np.ndarray:
    """The category of every grid point of every draw of a two-input family, (draws, m, m).

    One output: cut at the activation's threshold (0 = above, as `families.sign_regions`);
    several: the largest output wins (`families.argmax_regions`).
    """
    if Y.shape[-1] == 1:
        return families.sign_regions(Y[..., 0], families.THRESHOLD.get(fam.output, 0.0))
    return families.argmax_regions(Y)[0]


def output_sums(fam: Family, low: float, high: float, xmax: float, seed: int, scaled: bool) -> np.ndarray:
    """The sum the output node adds up (before its tanh), (draws, points), for the family's draws.

    The same draws as `family_values` (same seed, same scaling), on the same x grid.
    """
    net = draw_family(fam.sizes, fam.activation, fam.output, low, high, scaled, seed)
    x = np.linspace(-xmax, xmax, CURVE_POINTS)
    hidden = net.forward(x[:, None], return_all=True)[-2]      # (draws, points, n_last_hidden)
    W, b = net.weights[-1]                                       # (draws, n_last_hidden, 1), (draws, 1)
    return (np.einsum("dph,dho->dpo", hidden, W) + b[:, None, :])[..., 0]


# ---------------------------------------------------------------- one feature fed three ways

AREA = (40.0, 160.0)   # a raw feature, e.g. a floor area in square metres
AREA_MEAN, AREA_SD = 100.0, 35.0
ENCODINGS = [          # what the network is fed, as a function of the raw value
    ("raw area", lambda a: a),
    ("area − 100", lambda a: a - AREA_MEAN),
    ("(area − 100) / 35", lambda a: (a - AREA_MEAN) / AREA_SD),
]
UNSCALED_SIZES = [1, 11, 9, 1]   # the 1-11-9-1 tanh family of the chapter


@functools.cache
def encoded_values(low: float, high: float, scaled: bool, seed: int):
    """The same nets fed the three encodings of one feature: one batched call on all of them."""
    area = np.linspace(*AREA, CURVE_POINTS)
    fed = np.concatenate([encode(area) for _, encode in ENCODINGS])
    net = draw_family(UNSCALED_SIZES, "tanh", "tanh", low, high, scaled, seed)
    acts = net.forward(fed[:, None], return_all=True)
    split = lambda a: a.reshape(a.shape[0], len(ENCODINGS), CURVE_POINTS, -1)  # noqa: E731
    return area, split(acts[-1])[..., 0], split(acts[1])  # output (draws, enc, points); first hidden layer
