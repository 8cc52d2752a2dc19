"""What networks learn: the functions that random weights produce.

For each network shape of the chapter we draw 49 networks whose weights and biases are all
uniform on [low, high] (default [-1, 1]), evaluate all of them on the plotting grid in one
batched call, and show them one draw per frame on fixed axes: lines and planes for linear
nets of any depth, S-curves for logistic and tanh, wiggles once tanh layers are stacked,
surfaces with their contours on the floor for two inputs, creases for ReLU, and classifiers
read off by a zero cut-off or by the largest of several outputs. Each family also gets a
still of its first draws side by side. The explicit-operations diagrams build the network
up step by step, and a last figure shows what unscaled inputs do to the same networks.
"""
import functools
from dataclasses import dataclass

import numpy as np

from nnviz.build import figure
from nnviz.engine import random_family
from nnviz.render import Animation, diagrams
from nnviz.render.plots import backdrop, families, surfaces

CHAPTER = "random-families"
N_DRAWS = 49
WEIGHTS = {"low": -1.0, "high": 1.0, "xmax": 6.0}  # weight range, and inputs run from -xmax to xmax
CURVE_POINTS = 401        # samples along x for one-input families
SURFACE_MESH = 61         # 61 x 61 points: coarser meshes show saw-teeth on steep tanh cliffs, finer ones cost
REGION_MESH = 161         # pixels per side of a 2-D argmax map (borders are drawn as lines on top)
FPS = 4                   # one draw every quarter second: time to look at each
GRID_DRAWS = {"curves": 8, "sign": 8, "argmax": 6, "surface": 6, "regions": 6}


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
           "Every draw is a straight line y = w x + b: the weight sets the slope, the bias where it "
           "crosses x = 0.",
           "a straight line with some slope and height"),
    Family("linear-2-1", (2, 1), "identity", "identity", "surface", "linear, 2 inputs → 1 output",
           "With two inputs every draw is a flat plane, tilted by the two weights and lifted by the bias; "
           "its contours on the floor are parallel straight lines.",
           "a tilted flat plane over the x1-x2 square, with evenly spaced straight colour bands on the "
           "floor below"),
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
           "A tablecloth between two tables of different heights. Its contours on the floor are straight, "
           "so the 0.5 cut (black line) always splits the plane into two halves along a line.",
           "a sheet flat at 0 on one side and at 1 on the other with a smooth fold between, over floor "
           "colour bands that are straight parallel stripes, and a straight black line on the floor"),
    Family("tanh-1-1", (1, 1), "tanh", "tanh", "curves", "tanh, 1 input → 1 output",
           "tanh gives the same S-shapes as the logistic function, but between -1 and +1.",
           "an S-shaped curve between -1 and 1, rising or falling"),
    Family("tanh-1-100-1", (1, 100, 1), "tanh", "tanh", "curves", "tanh, 1 → 100 → 1",
           "100 tanh nodes feed one tanh output. Their sum is often far beyond ±3, so the output saturates: "
           "most draws are steep steps between -1 and 1, with {bends} visible turning points per curve on average.",
           "a curve between -1 and 1, most often a steep S-shaped step with flat shoulders, sometimes with "
           "a bump"),
    Family("tanh-1-11-9-1", (1, 11, 9, 1), "tanh", "tanh", "curves", "tanh, 1 → 11 → 9 → 1",
           "Two hidden layers with 20 nodes in all, a fifth of the 100 above, and more varied curves: "
           "{bends} visible turning points per curve on average.",
           "a wavy curve between -1 and 1 with hills and valleys"),
    Family("tanh-2-64-1", (2, 64, 1), "tanh", "tanh", "surface", "tanh, 2 → 64 → 1",
           "Two inputs, one hidden layer of 64: smooth hills, valleys and ridges, all squeezed between -1 and 1. "
           "The black line on the floor is where the output is 0.",
           "a smooth, gently folded surface over the x1-x2 square, with coloured contour bands and a black "
           "zero line on the floor"),
    Family("tanh-2-16-16-1", (2, 16, 16, 1), "tanh", "tanh", "surface", "tanh, 2 → 16 → 16 → 1",
           "Two hidden layers of 16: the surfaces get more folds and plateaus, still smooth and within -1..1. "
           "The floor shows the two categories a zero cut-off would make.",
           "a surface with several folds, plateaus at -1 and 1 and smooth slopes between, with coloured "
           "contour bands and a black zero line on the floor"),
    Family("relu-2-16-16-1", (2, 16, 16, 1), "relu", "identity", "surface", "ReLU, 2 → 16 → 16 → 1",
           "ReLU hidden layers (the output is their plain weighted sum): flat facets meeting at sharp creases, "
           "and borders on the floor with corners. Unlike tanh, the output is not bounded.",
           "a faceted surface of flat tilted pieces meeting along straight creases, with floor contours and "
           "a black zero line that bends at sharp corners"),
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


def weights_text(params) -> str:
    return f"uniform on [{params['low']:g}, {params['high']:g}]"


@functools.cache
def family_values(fam: Family, low: float, high: float, xmax: float, seed: int):
    """The grid and every draw's outputs on it, from ONE `random_family(...).forward` call.

    One input: (x (points,), Y (draws, points, k)).
    Two inputs: (g (m,), Y (draws, m, m, k)) on the square grid g x g, row i at x2 = g[i].
    """
    net = random_family(list(fam.sizes), fam.activation, n=N_DRAWS, seed=seed, low=low, high=high,
                        output=fam.output)
    if fam.inputs == 1:
        x = np.linspace(-xmax, xmax, CURVE_POINTS)
        return x, net.forward(x[:, None])
    g = np.linspace(-xmax, xmax, SURFACE_MESH if fam.show == "surface" else REGION_MESH)
    g1, g2 = np.meshgrid(g, g)
    Y = net.forward(np.column_stack([g1.ravel(), g2.ravel()]))
    return g, Y.reshape(N_DRAWS, len(g), len(g), -1)


def values(ctx, fam: Family):
    p = ctx.params
    return family_values(fam, float(p["low"]), float(p["high"]), float(p["xmax"]), ctx.seed)


def publish_facts(ctx, fam: Family, grid, Y):
    """The numbers the captions and the page quote, measured on the draws themselves."""
    ctx.fact("draws", N_DRAWS)
    ctx.fact("weights", weights_text(ctx.params))
    if fam.activation == "identity":  # how far from a straight line (or plane) any draw gets
        if fam.inputs == 1:
            A = np.column_stack([grid, np.ones_like(grid)])
            flat = Y[..., 0].T
        else:
            g1, g2 = np.meshgrid(grid, grid)
            A = np.column_stack([g1.ravel(), g2.ravel(), np.ones(g1.size)])
            flat = Y[..., 0].reshape(N_DRAWS, -1).T
        coef = np.linalg.lstsq(A, flat, rcond=None)[0]
        ctx.fact("straightness", float(np.abs(A @ coef - flat).max()), "{:.0e}")
    if fam.show == "curves" and fam.activation == "tanh" and len(fam.sizes) > 2:
        tol = 0.02 * np.ptp(families.value_limits(Y, fam.output))  # 2% of the axis: a bend you can see
        ctx.fact("bends", float(np.mean([families.turning_points(y, tol) for y in Y[..., 0]])), "{:.1f}")
    if fam.show == "sign":
        counts = np.array([len(families.intervals(grid, families.sign_regions(y))) for y in Y[..., 0]])
        ctx.fact("regions_max", int(counts.max()))
        ctx.fact("interleaved", int(np.count_nonzero(counts >= 3)))
    if fam.show in ("argmax", "regions"):
        labels = families.argmax_regions(Y)[0].reshape(N_DRAWS, -1)
        k = Y.shape[-1]
        ctx.fact("all_win", int(sum(len(np.unique(lab)) == k for lab in labels)))
        if fam.show == "argmax":
            ctx.fact("crossings_mean", float(np.mean([np.count_nonzero(lab[1:] != lab[:-1]) for lab in labels])),
                     "{:.1f}")


# ---------------------------------------------------------------- drawing


def family_plot(ctx, fam: Family, ax, grid, Y, **kw):
    """The right family helper for `fam` on `ax`."""
    if fam.show == "surface":
        return surfaces.SurfaceFamily(ax, ctx.theme, grid, grid, Y[..., 0], activation=fam.output, **kw)
    if fam.show == "regions":
        return families.RegionFamily(ax, ctx.theme, grid, grid, Y, **kw)
    regions = {"curves": None, "sign": "sign", "argmax": "argmax"}[fam.show]
    return families.CurveFamily(ax, ctx.theme, grid, Y, activation=fam.output, regions=regions, **kw)


def frame_title(ctx, fam: Family) -> str:
    return f"{fam.title}   ·   weights {weights_text(ctx.params)}"


def animation_frame(ctx, fam: Family, fig):
    """Title, axes and the family's plot on `fig`, ready for `plot.show(i)`."""
    grid, Y = values(ctx, fam)
    if fam.show == "surface":
        fig.set_layout_engine("none")
        ax = fig.add_axes((0.0, -0.02, 0.96, 1.04), projection="3d")  # a 3-D box fills the frame best
        fig.text(0.01, 0.98, frame_title(ctx, fam), ha="left", va="top", fontsize=12)
    else:
        ax = fig.add_subplot()
        fig.suptitle(frame_title(ctx, fam), x=0.01, ha="left", fontsize=12)
    return family_plot(ctx, fam, ax, grid, Y, **({"ghosts": True} if fam.show == "curves" else {}))


def family_animation(ctx, fam: Family) -> Animation:
    """49 draws, one per frame, on one figure whose artists move (never re-created)."""
    publish_facts(ctx, fam, *values(ctx, fam))
    fig = ctx.figure()
    plot = animation_frame(ctx, fam, fig)
    plot.show(0)
    backdrop.freeze_static(fig, plot)  # axes, labels and titles drawn once; frames draw only what moves
    return Animation(fig, plot.show, frames=N_DRAWS, fps=FPS, hold_last=1.0)


def family_grid(ctx, fam: Family):
    """The first few draws of the family side by side, on the same axes as the animation."""
    grid, Y = values(ctx, fam)
    publish_facts(ctx, fam, grid, Y)
    n = GRID_DRAWS[fam.show]
    rows, cols = 2, n // 2
    if fam.show == "surface":
        fig = ctx.figure(figsize=(9.6, 5.8))
        fig.set_layout_engine("none")
        height = 0.94 / rows  # below the title, panels tile the figure (3-D boxes leave their own margins)
        for d in range(n):
            r, c = divmod(d, cols)
            ax = fig.add_axes((c / cols, (rows - 1 - r) * height + 0.015, 1 / cols, height - 0.01),
                              projection="3d")
            family_plot(ctx, fam, ax, grid, Y, counter=False, labels=False, zoom=0.95).show(d)
            ax.text2D(0.5, 0.97, f"draw {d + 1}", transform=ax.transAxes, ha="center", va="top", fontsize=12,
                      color=ctx.theme.muted)
        fig.text(0.01, 0.985, frame_title(ctx, fam), ha="left", va="top", fontsize=12)
        return fig
    figsize = (9.6, 5.0) if fam.show == "regions" else (9.6, 4.8)
    fig, axes = ctx.subplots(rows, cols, figsize=figsize, sharex=True, sharey=True)
    for d, ax in enumerate(axes.flat):
        plot = family_plot(ctx, fam, ax, grid, Y, counter=False, legend=False)
        plot.show(d)
        ax.set_title(f"draw {d + 1}", fontsize=12, color=ctx.theme.muted, loc="right")
        ax.label_outer()
    if plot.handles:
        fig.legend(handles=plot.handles, loc="outside right upper" if fam.show == "regions" else "outside lower center",
                   ncols=1 if fam.show == "regions" else len(plot.handles), fontsize=12, frameon=False)
    fig.suptitle(frame_title(ctx, fam), x=0.01, ha="left", fontsize=12)
    return fig


def declare(fam: Family):
    """Register the animation `<name>` and the still `<name>-grid` of one family."""
    ghosts = fam.show == "curves"
    @figure(f"{CHAPTER}/{fam.name}", kind="anim", **WEIGHTS,
            caption=fam.look + (" Grey: the draws already shown." if ghosts else ""),
            alt=f"An animation of {N_DRAWS} random draws, one per frame, each {fam.picture}"
                + (", over faint grey copies of the earlier draws." if ghosts else "."))
    def anim(ctx):
        return family_animation(ctx, fam)

    n = GRID_DRAWS[fam.show]
    @figure(f"{CHAPTER}/{fam.name}-grid", kind="png", **WEIGHTS,
            caption=f"The first {n} draws of the animation side by side, on the same axes. " + fam.look,
            alt=f"{n} small panels side by side, each one random draw: {fam.picture}.")
    def grid(ctx):
        return family_grid(ctx, fam)


for _fam in FAMILIES:
    declare(_fam)


# ---------------------------------------------------------------- why inputs should be normalised

AREA = (40.0, 160.0)   # a raw feature, e.g. a floor area in square metres
AREA_MEAN, AREA_SD = 100.0, 35.0
ENCODINGS = [          # what the network is fed, as a function of the raw value
    ("raw area", lambda a: a),
    ("area − 100 (centred only)", lambda a: a - AREA_MEAN),
    ("(area − 100) / 35 (standardised)", lambda a: (a - AREA_MEAN) / AREA_SD),
]
UNSCALED_SIZES = [1, 11, 9, 1]   # the 1-11-9-1 tanh family of the chapter
UNSCALED_DRAWS = 5


@functools.cache
def encoded_values(low: float, high: float, seed: int):
    """The same nets fed the three encodings of one feature: one batched call on all of them."""
    area = np.linspace(*AREA, CURVE_POINTS)
    fed = np.concatenate([encode(area) for _, encode in ENCODINGS])
    net = random_family(UNSCALED_SIZES, "tanh", n=N_DRAWS, seed=seed, low=low, high=high, output="tanh")
    acts = net.forward(fed[:, None], return_all=True)
    split = lambda a: a.reshape(a.shape[0], len(ENCODINGS), CURVE_POINTS, -1)  # noqa: E731
    return area, split(acts[-1])[..., 0], split(acts[1])  # output (draws, enc, points); first hidden layer


@figure(f"{CHAPTER}/unscaled-inputs", kind="png", low=-1.0, high=1.0,
        caption="The same five random networks fed one feature (an area from 40 to 160) in three ways. "
                "Raw, every first-layer tanh node is saturated ({sat_raw} of them at |value| > 0.99) and the "
                "output barely moves; centred only, the nodes switch abruptly near the mean ({sat_centred}); "
                "standardised, they work in their curved range ({sat_std}) and the curves vary smoothly.",
        alt="Three panels side by side with the same five coloured curves against area from 40 to 160: nearly "
            "flat lines on the left, step-like curves with sharp jumps in the middle, smooth varied curves "
            "on the right.")
def unscaled_inputs(ctx):
    area, out, hidden = encoded_values(float(ctx.params["low"]), float(ctx.params["high"]), ctx.seed)
    saturated = (np.abs(hidden) > 0.99).mean(axis=(0, 2, 3))
    for key, share in zip(("sat_raw", "sat_centred", "sat_std"), saturated):
        ctx.fact(key, 100 * share, "{:.0f}%")
    ctx.fact("weights", weights_text(ctx.params))
    fig, axes = ctx.subplots(1, 3, figsize=(9.6, 3.6), sharey=True)
    for e, (ax, (label, _)) in enumerate(zip(axes, ENCODINGS)):
        for d in range(UNSCALED_DRAWS):
            ax.plot(area, out[d, e], color=ctx.theme.classes[d], lw=1.8)
        ax.axhline(0, color=ctx.theme.grid, lw=0.8, zorder=0)
        ax.set_title(f"fed: {label}\n{100 * saturated[e]:.0f}% of first-layer nodes saturated", fontsize=12)
        ax.set_xlabel("area (m²)")
        ax.set_xlim(*AREA)
        ax.set_ylim(-1.08, 1.08)
    axes[0].set_ylabel("network output")
    return fig


# ---------------------------------------------------------------- diagrams

DIAGRAMS = [
    ("ops-linear-1-1", (1, 1), {}, (5.6, 2.6),
     "Linear regression as a network: the bias node x0 = 1 and the input x1 are each multiplied by a weight, "
     "and the products are summed into the output.",
     "A small graph: two input nodes, x0 = 1 and x1, each feeding a multiply box, both boxes feeding one sum box "
     "that gives the output."),
    ("ops-linear-3-1", (3, 1), {}, (5.6, 4.0),
     "More inputs, same recipe: each input gets its own weight, and one sum adds all the products.",
     "A graph with a bias node and three inputs, each through its own multiply box into one sum box."),
    ("ops-two-layers", (1, 1, 1), {"layer_labels": True}, (8.0, 3.0),
     "One layer's output becomes the next layer's input; each layer has its own bias node.",
     "Two copies of the one-input linear graph in a row, the output of the first feeding the input of the "
     "second, each with its own bias node."),
    ("ops-hidden", (1, 2, 1), {"layer_labels": True}, (8.0, 4.2),
     "The first layer now makes two outputs, shared with the second layer: they are the hidden nodes.",
     "A two-layer graph where the first layer has two sum boxes whose outputs both feed the second layer's "
     "multiply boxes and its single sum."),
    ("ops-mlp", (1, 2, 2, 1), {"activation": "tanh"}, (9.6, 4.8),
     "A multi-layer perceptron with every operation drawn: multiply, sum, then tanh, layer after layer.",
     "A three-layer graph from one input to one output through two hidden layers of two nodes, each node "
     "a sum box followed by a small tanh curve, with a bias node in every layer."),
    ("compact-mlp", (1, 2, 2, 1), {"layer_labels": True}, (7.0, 3.2),
     "The same network in the usual compact form: circles for nodes, lines for weights; sums, activations "
     "and bias nodes are implied.",
     "Circles in four columns (1, 2, 2 and 1) joined by lines between neighbouring columns."),
]


def declare_diagram(name, sizes, options, figsize, caption, alt):
    style = "compact" if name.startswith("compact") else "ops"

    @figure(f"{CHAPTER}/{name}", kind="svg", caption=caption, alt=alt)
    def draw(ctx):
        fig, ax = ctx.subplots(figsize=figsize)
        diagrams.draw_network(ax, list(sizes), ctx.theme, style=style, **options)
        return fig


for _spec in DIAGRAMS:
    declare_diagram(*_spec)
