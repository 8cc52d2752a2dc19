"""What networks learn: the functions that random weights produce.

For each network shape of the chapter we draw 49 networks whose weights and biases are all
uniform on [low, high] (default [-1, 1]) and then scaled by √(3/n) in a layer of n inputs
(`scaled_by_fan_in`: without it the output of a wide layer saturates and hides the bends),
evaluate all of them on the plotting grid in one batched call, and show them one draw per
frame on fixed axes: lines and planes for linear nets of any depth, S-curves for logistic and
tanh, wiggles once tanh layers are stacked, surfaces beside their top-down maps for two inputs,
creases for ReLU, and classifiers read off by a zero cut-off or by the largest of several
outputs. Each family also gets a still of its first draws side by side. One figure puts the
same draws with and without the scaling side by side (what saturation does), and a last figure
shows what unscaled inputs do to the same networks. The chapter's network graphs are drawn by
random_families_diagrams.py.
"""
import functools
from dataclasses import dataclass

import numpy as np
from matplotlib.collections import LineCollection

from nnviz.build import figure
from nnviz.engine import RandomFamily, random_family
from nnviz.render import Animation
from nnviz.render.plots import backdrop, families, surfaces

CHAPTER = "random-families"
N_DRAWS = 49
# Weights drawn uniform on [low, high], then (scaled) multiplied by √(3/n) in a layer of n inputs;
# inputs run from -xmax to xmax.
WEIGHTS = {"low": -1.0, "high": 1.0, "xmax": 6.0, "scaled": True}
CURVE_POINTS = 401        # samples along x for one-input families (about 1.7 per CSS px of a 688-px frame)
SURFACE_MESH = 73         # 73 x 73 points (a value every 1/6 of a unit) for the map and the 3-D mesh
SURFACE_STEP = 1           # every point in the 3-D mesh too (72 x 72 quads): steep walls stay smooth
REGION_MESH = 121         # pixels per side of a 2-D argmax map (about one per CSS px; borders drawn as lines)
FPS = 4                   # one draw every quarter second: time to look at each
FLAT = 0.95               # |tanh output| beyond this counts as pressed flat against the end of its range
GRID_DRAWS = {"curves": 8, "sign": 8, "argmax": 6, "surface": 3, "regions": 6}
FRAME_HEIGHT = {"curves": 360, "sign": 380, "argmax": 380, "surface": 330, "regions": 380}  # CSS px
GRID_HEIGHT = {"curves": 330, "sign": 350, "argmax": 350, "surface": 420, "regions": 400}


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
           "and zero lines on the map with corners. Unlike tanh, the output is not bounded.",
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
    if fam.inputs == 1 and fam.activation == "tanh":
        ctx.fact("bends", mean_bends(Y, fam.output), "{:.1f}")
    if fam.output == "tanh":  # share of the plotted values pressed against the ends of tanh's range
        ctx.fact("flat", 100 * float(np.mean(np.abs(Y) > FLAT)), "{:.0f}%")
    if fam.show == "sign":
        counts = np.array([len(families.intervals(grid, families.sign_regions(y))) for y in Y[..., 0]])
        ctx.fact("regions_max", int(counts.max()))
        ctx.fact("interleaved", int(np.count_nonzero(counts >= 3)))
    if fam.inputs == 2:  # the pieces the classifier's borders cut the plane into, per draw
        counts = np.array([families.pieces(lab) for lab in category_maps(fam, Y)])
        ctx.fact("pieces", float(counts[:, 0].mean()), "{:.1f}")
        ctx.fact("split", int(np.count_nonzero(counts[:, 0] >= 3)))
        ctx.fact("islands", int(np.count_nonzero(counts[:, 1] > 0)))
    if fam.show in ("argmax", "regions"):
        labels = families.argmax_regions(Y)[0].reshape(N_DRAWS, -1)
        k = Y.shape[-1]
        ctx.fact("all_win", int(sum(len(np.unique(lab)) == k for lab in labels)))
        if fam.show == "argmax":
            ctx.fact("crossings_mean", float(np.mean([np.count_nonzero(lab[1:] != lab[:-1]) for lab in labels])),
                     "{:.1f}")


# ---------------------------------------------------------------- drawing


def frame_title(ctx, fam: Family) -> str:
    return f"{fam.title}   ·   weights {weights_text(ctx.params, short=True)}"


def curve_plot(ctx, fam: Family, ax, grid, Y, **kw):
    """The one-input family helper for `fam` on `ax` (curves, sign regions or argmax regions)."""
    regions = {"curves": None, "sign": "sign", "argmax": "argmax"}[fam.show]
    return families.CurveFamily(ax, ctx.theme, grid, Y, activation=fam.output, regions=regions, **kw)


def surface_axes(fig, top: float, map_size: float):
    """A 3-D box at the left, its top-down map and a colour bar at the right, in CSS px.

    `top`: room left above for the title; `map_size`: the map's side. Below the map there is
    room for its ticks and label, left of it for its y label, right of the bar for its own.
    """
    W, H = fig.get_figwidth() * 72, fig.get_figheight() * 72
    bar_w, gap, bar_room, label_room, below = 12, 12, 62, 50, 44
    map_left = W - bar_room - bar_w - gap - map_size
    map_bottom = below + (H - top - below - map_size) / 2
    ax3d = fig.add_axes((0.0, 0.0, (map_left - label_room) / W, (H - top) / H), projection="3d")
    ax_map = fig.add_axes((map_left / W, map_bottom / H, map_size / W, map_size / H))
    cax = fig.add_axes(((map_left + map_size + gap) / W, map_bottom / H, bar_w / W, map_size / H))
    return ax3d, ax_map, cax


def family_animation(ctx, fam: Family) -> Animation:
    """49 draws, one per frame, on one figure whose artists move (never re-created)."""
    grid, Y = values(ctx, fam)
    publish_facts(ctx, fam, grid, Y)
    if fam.show == "surface":
        fig = ctx.figure(slot="column", height=FRAME_HEIGHT["surface"])
        fig.set_layout_engine("none")
        ax3d, ax_map, cax = surface_axes(fig, top=48, map_size=224)
        plot = surfaces.SurfaceAndMap(ax3d, ax_map, ctx.theme, grid, grid, Y[..., 0], activation=fam.output,
                                      step=SURFACE_STEP)
        plot.colorbar(cax)
        ax_map.set_title("seen from above; line: " + threshold_text(plot.threshold), fontsize=12,
                         color=ctx.theme.muted, pad=6)
        fig.text(0.01, 0.98, frame_title(ctx, fam), ha="left", va="top", fontsize=13)
    else:
        fig = ctx.figure(slot="column", height=FRAME_HEIGHT[fam.show])
        ax = fig.add_subplot()
        fig.suptitle(frame_title(ctx, fam), x=0.01, ha="left", fontsize=13)
        if fam.show == "regions":
            plot = families.RegionFamily(ax, ctx.theme, grid, grid, Y)
        else:
            plot = curve_plot(ctx, fam, ax, grid, Y, ghosts=fam.show == "curves")
    plot.show(0)
    backdrop.freeze_static(fig, plot)  # axes, labels and titles drawn once; frames draw only what moves
    return Animation(fig, plot.show, frames=N_DRAWS, fps=FPS, hold_last=1.0,
                     labels=[f"draw {i + 1} of {N_DRAWS}" for i in range(N_DRAWS)], clock="draw")


def threshold_text(threshold: float) -> str:
    return f"output = {threshold:g}"


def surface_grid(ctx, fam: Family, grid, Y, n: int):
    """n draws in columns: the surface above, its map below, one colour bar for all."""
    fig = ctx.figure(slot="column", height=GRID_HEIGHT["surface"])
    fig.set_layout_engine("none")
    W, H = fig.get_figwidth() * 72, fig.get_figheight() * 72
    left, bar_room, side = 44 / W, 84 / W, 158  # room for the maps' y label; the bar and its labels; map side (px)
    # (the side leaves 28 px between maps, so one map's "6" and the next one's "−6" do not run together)
    col_w = (1 - left - bar_room) / n
    plots = []
    for d in range(n):
        x0 = left + d * col_w
        ax3d = fig.add_axes((x0 - 10 / W, 0.50, col_w + 20 / W, 0.43), projection="3d")
        ax_map = fig.add_axes((x0 + (col_w - side / W) / 2, 46 / H, side / W, side / H))
        plot = surfaces.SurfaceAndMap(ax3d, ax_map, ctx.theme, grid, grid, Y[..., 0], activation=fam.output,
                                      counter=False, ticks=False, zoom=1.05, step=SURFACE_STEP)
        plot.show(d)
        if d > 0:
            ax_map.set_ylabel("")
            ax_map.tick_params(labelleft=False)
        ax3d.text2D(0.5, 0.98, f"draw {d + 1}", transform=ax3d.transAxes, ha="center", va="top", fontsize=12,
                    color=ctx.theme.muted)
        plots.append(plot)
    cax = fig.add_axes((1 - bar_room + 14 / W, 46 / H, 12 / W, side / H))
    plots[0].colorbar(cax)
    fig.text(0.01, 0.99, frame_title(ctx, fam), ha="left", va="top", fontsize=13)
    fig.text(0.99, 0.99, "line: " + threshold_text(plots[0].threshold), ha="right", va="top",
             fontsize=12, color=ctx.theme.muted)
    return fig


def family_grid(ctx, fam: Family):
    """The first few draws of the family side by side, on the same axes as the animation."""
    grid, Y = values(ctx, fam)
    publish_facts(ctx, fam, grid, Y)
    n = GRID_DRAWS[fam.show]
    if fam.show == "surface":
        return surface_grid(ctx, fam, grid, Y, n)
    rows, cols = 2, n // 2
    fig, axes = ctx.subplots(rows, cols, slot="column", height=GRID_HEIGHT[fam.show], sharex=True, sharey=True)
    for d, ax in enumerate(axes.flat):
        if fam.show == "regions":
            plot = families.RegionFamily(ax, ctx.theme, grid, grid, Y, counter=False, legend=False)
        else:
            plot = curve_plot(ctx, fam, ax, grid, Y, counter=False, legend=False, linewidth=2.0)
        plot.show(d)
        ax.set_title(f"draw {d + 1}", fontsize=12, color=ctx.theme.muted, loc="right", pad=2)
        ax.label_outer()
        if fam.show != "regions":
            ax.set_xticks([-6, 0, 6])
    if plot.handles:
        fig.legend(handles=plot.handles, loc="outside lower center", ncols=len(plot.handles), fontsize=12,
                   frameon=False)
    fig.suptitle(frame_title(ctx, fam), x=0.01, ha="left", fontsize=13)
    return fig


def declare(fam: Family):
    """Register the animation `<name>` and the still `<name>-grid` of one family."""
    ghosts = fam.show == "curves"
    surface = " Right: the same surface seen from above, with the colour scale." if fam.show == "surface" else ""
    @figure(f"{CHAPTER}/{fam.name}", kind="anim", **WEIGHTS,
            caption=fam.look + surface + (" Grey: the draws already shown." if ghosts else ""),
            alt=f"An animation of {N_DRAWS} random draws, one per frame, each {fam.picture}"
                + (", over faint grey copies of the earlier draws." if ghosts else ".")
                + (" Beside it, a square map of the same values seen from above, with the border drawn as a "
                   "line, and a colour bar." if fam.show == "surface" else ""))
    def anim(ctx):
        return family_animation(ctx, fam)

    n = GRID_DRAWS[fam.show]
    layout = ("each surface above its map seen from above" if fam.show == "surface" else "side by side")
    @figure(f"{CHAPTER}/{fam.name}-grid", kind="png", **WEIGHTS,
            caption=f"The first {n} draws of the animation, {layout}, on the same axes. " + fam.look,
            alt=f"{n} random draws in small panels, {layout}: {fam.picture}.")
    def grid(ctx):
        return family_grid(ctx, fam)


for _fam in FAMILIES:
    declare(_fam)


# ---------------------------------------------------------------- what saturation does

SATURATION_ROWS = [("tanh-1-100-1", "1 → 100 → 1"), ("tanh-1-11-9-1", "1 → 11 → 9 → 1")]
SATURATION_COLOURS = (0, 1, 3)  # theme.series: purple, crimson, brown (not its grey: the family is grey)
BENDING = 3.0  # |sum| beyond this: tanh is within 0.5 % of ±1 (tanh 3 = 0.995), flat


def output_sums(fam: Family, low: float, high: float, xmax: float, seed: int, scaled: bool) -> np.ndarray:
    """The sum the output node adds up (before its tanh), (draws, points), for the family's draws.

    The same draws as `family_values` (same seed, same scaling), on the same x grid.
    """
    net = draw_family(fam.sizes, fam.activation, fam.output, low, high, scaled, seed)
    x = np.linspace(-xmax, xmax, CURVE_POINTS)
    hidden = net.forward(x[:, None], return_all=True)[-2]      # (draws, points, n_last_hidden)
    W, b = net.weights[-1]                                       # (draws, n_last_hidden, 1), (draws, 1)
    return (np.einsum("dph,dho->dpo", hidden, W) + b[:, None, :])[..., 0]


@figure(f"{CHAPTER}/saturation", kind="png", **WEIGHTS,
        caption="The same random draws twice. Left, every weight uniform on [-1, 1]: the output node of "
                "1 → 100 → 1 adds up 100 terms, and at {beyond_raw_100} of the plotted points its sum lies beyond "
                "±3, where tanh is flat (1 → 11 → 9 → 1, whose output adds up 9 terms: {beyond_raw_11_9}), so many curves are steps between "
                "-1 and 1 ({bends_raw_100} visible turning points per curve for 1 → 100 → 1, {bends_raw_11_9} for "
                "1 → 11 → 9 → 1). Right, the same weights scaled by √(3/n), n the inputs of the layer: the sums "
                "stay where tanh bends ({beyond_scaled_100} and {beyond_scaled_11_9} beyond ±3) and the curves "
                "turn more often ({bends_scaled_100} and {bends_scaled_11_9}). 'Flat': values beyond ±0.95. "
                "Grey: all {draws} draws; in colour: the first three.",
        alt="Four panels of curves between -1 and 1, one network shape per row. Left column: many curves run "
            "flat at -1 or 1 and jump between them, the top panel most of all. Right column, the same draws "
            "scaled: curves that rise and fall, with hills and valleys, rarely reaching -1 or 1.")
def saturation(ctx):
    p = ctx.params
    fam_by_name = {f.name: f for f in FAMILIES}
    fig, axes = ctx.subplots(2, 2, slot="column", height=470, sharex=True, sharey=True)
    ctx.fact("draws", N_DRAWS)
    for r, (name, label) in enumerate(SATURATION_ROWS):
        fam = fam_by_name[name]
        key = "100" if name == "tanh-1-100-1" else "11_9"
        for c, scaled in enumerate((False, True)):
            x, Y = family_values(fam, float(p["low"]), float(p["high"]), float(p["xmax"]), ctx.seed, scaled)
            bends = ctx.fact(f"bends_{'scaled' if scaled else 'raw'}_{key}", mean_bends(Y, fam.output), "{:.1f}")
            flat = ctx.fact(f"flat_{'scaled' if scaled else 'raw'}_{key}", 100 * float(np.mean(np.abs(Y) > FLAT)),
                            "{:.0f}%")
            sums = output_sums(fam, float(p["low"]), float(p["high"]), float(p["xmax"]), ctx.seed, scaled)
            ctx.fact(f"beyond_{'scaled' if scaled else 'raw'}_{key}", 100 * float(np.mean(np.abs(sums) > BENDING)),
                     "{:.0f}%")
            ax = axes[r, c]
            ax.add_collection(LineCollection([np.column_stack([x, y]) for y in Y[:, :, 0]], colors=ctx.theme.muted,
                                             linewidths=0.8, alpha=0.3))
            for d, colour in enumerate(SATURATION_COLOURS):
                ax.plot(x, Y[d, :, 0], color=ctx.theme.series[colour], lw=2.0)
            ax.axhline(0, color=ctx.theme.grid, lw=0.8, zorder=0)
            ax.set_xlim(x[0], x[-1])
            ax.set_ylim(*families.value_limits(Y, "tanh"))
            ax.set_xticks([-6, -3, 0, 3, 6])
            ax.set_yticks([-1, 0, 1])
            heading = "scaled by √(3/n), n = inputs" if scaled else "weights uniform on [-1, 1]"
            stats = f"{bends:.1f} turning points per curve, {flat:.0f}% flat"
            ax.set_title(f"{heading}\n{stats}" if r == 0 else stats, fontsize=12)
            if r == 1:
                ax.set_xlabel("input x")
        axes[r, 0].set_ylabel(f"{label}\noutput y")
    return fig


# ---------------------------------------------------------------- why inputs should be normalised

AREA = (40.0, 160.0)   # a raw feature, e.g. a floor area in square metres
AREA_MEAN, AREA_SD = 100.0, 35.0
ENCODINGS = [          # what the network is fed, as a function of the raw value
    ("raw area", lambda a: a),
    ("area − 100", lambda a: a - AREA_MEAN),
    ("(area − 100) / 35", lambda a: (a - AREA_MEAN) / AREA_SD),
]
UNSCALED_SIZES = [1, 11, 9, 1]   # the 1-11-9-1 tanh family of the chapter
UNSCALED_DRAWS = 4               # one series colour each


@functools.cache
def encoded_values(low: float, high: float, scaled: bool, seed: int):
    """The same nets fed the three encodings of one feature: one batched call on all of them."""
    area = np.linspace(*AREA, CURVE_POINTS)
    fed = np.concatenate([encode(area) for _, encode in ENCODINGS])
    net = draw_family(UNSCALED_SIZES, "tanh", "tanh", low, high, scaled, seed)
    acts = net.forward(fed[:, None], return_all=True)
    split = lambda a: a.reshape(a.shape[0], len(ENCODINGS), CURVE_POINTS, -1)  # noqa: E731
    return area, split(acts[-1])[..., 0], split(acts[1])  # output (draws, enc, points); first hidden layer


@figure(f"{CHAPTER}/unscaled-inputs", kind="png", low=-1.0, high=1.0, scaled=True,
        caption="The same four random 1 → 11 → 9 → 1 networks fed one feature (an area from 40 to 160) in three "
                "ways. Raw, nearly every first-layer tanh node is saturated ({sat_raw} of them at |value| > 0.99) "
                "and the output barely moves; centred only, the nodes switch abruptly near the mean "
                "({sat_centred}); standardised, they work in their curved range ({sat_std}) and the curves vary "
                "smoothly.",
        alt="Three panels side by side with the same four coloured curves against area from 40 to 160: flat "
            "lines on the left, step-like curves with sharp jumps near 100 in the middle, smooth varied curves "
            "on the right.")
def unscaled_inputs(ctx):
    p = ctx.params
    area, out, hidden = encoded_values(float(p["low"]), float(p["high"]), bool(p["scaled"]), ctx.seed)
    saturated = (np.abs(hidden) > 0.99).mean(axis=(0, 2, 3))
    for key, share in zip(("sat_raw", "sat_centred", "sat_std"), saturated):
        ctx.fact(key, 100 * share, "{:.0f}%")
    ctx.fact("weights", weights_text(ctx.params))
    fig, axes = ctx.subplots(1, 3, slot="column", height=290, sharey=True)
    for e, (ax, (label, _)) in enumerate(zip(axes, ENCODINGS)):
        for d in range(UNSCALED_DRAWS):
            ax.plot(area, out[d, e], color=ctx.theme.series[d], lw=2.0)
        ax.axhline(0, color=ctx.theme.grid, lw=0.8, zorder=0)
        ax.set_title(f"fed: {label}\n{100 * saturated[e]:.0f}% of nodes saturated", fontsize=12)
        ax.set_xlabel("area (m²)")
        ax.set_xlim(*AREA)
        ax.set_xticks([60, 100, 140])
        ax.set_ylim(-1.08, 1.08)
        ax.set_yticks([-1, -0.5, 0, 0.5, 1])
    axes[0].set_ylabel("network output")
    return fig
