"""Families of functions: many random networks evaluated on one grid, shown one draw at a time.

The helpers take the values of every draw at once (from `random_family(...).forward(grid)`),
fix the axes over the whole family, and then show draw `i` by moving artists that already
exist, so an animation is cheap and its frames compare:

    x = np.linspace(-6, 6, 401)
    Y = fam.forward(x[:, None])                              # (n_draws, n_points, n_outputs)
    curves = families.CurveFamily(ax, theme, x, Y, activation="tanh")
    curves.show(7)                                           # in an animation's update(i)

    regions = families.RegionFamily(ax, theme, g, g, Y)      # Y: (n_draws, len(g), len(g), k)

    backdrop.freeze_static(fig, curves)                      # once, before the frames

`CurveFamily` can shade the input line by the sign of the output (a one-output classifier,
regions A and B) or by the output that is largest (a k-output classifier). `RegionFamily`
colours the input plane by the winning output. Two-input, one-output families are drawn as a
3-D surface beside its top-down map by `surfaces.SurfaceAndMap`, with the same conventions. The pure helpers
(`value_limits`, `argmax_regions`, `sign_regions`, `intervals`, `pieces`) are public so tests can check
the pictures against the numbers.

Every family helper lists the artists its `show` moves (`plot.dynamic()`), so
`backdrop.freeze_static` can draw everything else once.

Colours come from the `Theme` only: signed values use `theme.cmap_div` centred at the
threshold, and categories A, B, C ... take `category_colors` (A orange, B blue, C green) in
every helper, so a category keeps its colour from the curves to the maps.
"""
from __future__ import annotations

import string

import numpy as np
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import to_rgb
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from nnviz.render.plots._checks import axis

__all__ = ["ACTIVATION_RANGE", "THRESHOLD", "value_limits", "argmax_regions", "sign_regions", "intervals",
           "pieces", "turning_points", "region_letters", "draw_counter", "CurveFamily", "RegionFamily"]

# The output range of bounded activations; unbounded ones take the range of the data.
ACTIVATION_RANGE = {"sigmoid": (0.0, 1.0), "logistic": (0.0, 1.0), "tanh": (-1.0, 1.0)}
# Where a one-output classifier cuts: the middle of the activation's range.
THRESHOLD = {"sigmoid": 0.5, "logistic": 0.5}


def region_letters(k: int) -> list[str]:
    """Category names for k outputs: A, B, C ..."""
    return list(string.ascii_uppercase[:k])


# ---------------------------------------------------------------- numbers behind the pictures


def value_limits(values, activation: str | None = None, pad: float = 0.06) -> tuple[float, float]:
    """Axis limits that hold every draw of a family, the same for all its frames.

    A bounded activation gives its own range (tanh: -1..1, sigmoid: 0..1), so every family of
    that activation is drawn on the same scale; otherwise the range of all `values` is used.
    Either way the range is widened by `pad` of its width on both sides.
    """
    if activation in ACTIVATION_RANGE:
        lo, hi = ACTIVATION_RANGE[activation]
    else:
        values = np.asarray(values, dtype=float)
        lo, hi = float(np.min(values)), float(np.max(values))
        if hi - lo < 1e-9:
            lo, hi = lo - 1.0, hi + 1.0
    margin = pad * (hi - lo)
    return lo - margin, hi + margin


def category_colors(theme, k: int) -> list:
    """The colours of categories A, B, C, ... (k of them), the same in every figure of a chapter:
    A in `theme.classes[1]` (orange, the colour of values above the cut of a one-output classifier),
    B in `theme.classes[0]` (blue), then the other class colours in order. Output c of a several-output
    classifier names category c, so output 1 is orange as A is on the one-output curves and maps."""
    order = [1, 0, *range(2, max(k, 2))]
    return [theme.classes[c] for c in order[:k]]


def argmax_regions(outputs) -> tuple[np.ndarray, np.ndarray]:
    """Which output is largest at each point, and by how much it beats the runner-up.

    `outputs` (..., k) -> (labels (...), margin (...)); the margin is 0 where two outputs tie.
    """
    outputs = np.asarray(outputs, dtype=float)
    if outputs.ndim < 1 or outputs.shape[-1] < 2:
        raise ValueError(f"argmax regions need at least two outputs (last axis), got shape {outputs.shape}")
    labels = np.argmax(outputs, axis=-1)
    top2 = np.partition(outputs, -2, axis=-1)[..., -2:]
    return labels, top2[..., 1] - top2[..., 0]


def sign_regions(values, threshold: float = 0.0) -> np.ndarray:
    """Category of a one-output classifier: 0 (A) where the output is above `threshold`, 1 (B) elsewhere."""
    return (np.asarray(values, dtype=float) <= threshold).astype(int)


def intervals(x, labels) -> list[tuple[float, float, int]]:
    """Runs of equal labels along the sorted points `x`: [(start, end, label), ...].

    A run's ends are half-way between the last point of one label and the first of the next.
    """
    x, labels = np.asarray(x, dtype=float), np.asarray(labels)
    cuts = np.flatnonzero(labels[1:] != labels[:-1]) + 1
    edges = np.concatenate([[x[0]], (x[cuts - 1] + x[cuts]) / 2, [x[-1]]])
    starts = np.concatenate([[0], cuts])
    return [(float(edges[j]), float(edges[j + 1]), int(labels[s])) for j, s in enumerate(starts)]


def pieces(labels) -> tuple[int, int]:
    """How many connected pieces a 2-D map of categories has, and how many of them are islands.

    `labels` (rows, cols) of category numbers; a piece is a 4-connected run of one category
    (scipy.ndimage.label), an island a piece that touches no edge of the map (enclosed by
    others). A map of one category is (1, 0). Raises ValueError unless `labels` is 2-D.
    """
    from scipy import ndimage

    labels = np.asarray(labels)
    if labels.ndim != 2:
        raise ValueError(f"labels must be a 2-D map, got shape {labels.shape}")
    total = islands = 0
    for c in np.unique(labels):
        lab, n = ndimage.label(labels == c)
        edge = np.unique(np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]]))
        total += n
        islands += n - np.count_nonzero(edge)
    return total, islands


def turning_points(y, tol: float) -> int:
    """Visible turning points of one curve `y`: peaks and troughs with a swing of at least `tol` either side.

    Wiggles smaller than `tol` (numerical noise, a flat shoulder drifting by 1e-9) are not counted.
    """
    count, direction, lo, hi = 0, 0, y[0], y[0]
    for v in y:
        if direction == 0:
            lo, hi = min(lo, v), max(hi, v)
            if v > lo + tol:
                direction, hi = 1, v
            elif v < hi - tol:
                direction, lo = -1, v
        elif direction == 1:
            if v > hi:
                hi = v
            elif v < hi - tol:
                count, direction, lo = count + 1, -1, v
        else:
            if v < lo:
                lo = v
            elif v > lo + tol:
                count, direction, hi = count + 1, 1, v
    return count


# ---------------------------------------------------------------- drawing helpers shared by the families


def _mix(color, bg, amount):
    """`amount` (scalar or array) of `color` over `bg`, as RGB."""
    c, b = np.array(to_rgb(color)), np.array(to_rgb(bg))
    amount = np.asarray(amount, dtype=float)[..., None]
    return amount * c + (1 - amount) * b


def draw_counter(ax, theme):
    """The "draw i of n" label, in the figure's top-right corner (the title's line)."""
    return ax.figure.text(0.99, 0.98, " ", ha="right", va="top", color=theme.muted, fontsize=12)


def _symmetric_ticks(lo, hi):
    """Ticks at the ends, the middle and the quarters of a range centred on 0 (e.g. -6, -3, 0, 3, 6)."""
    if abs(lo + hi) < 1e-9 * max(1.0, hi - lo):
        return list(np.linspace(lo, hi, 5))
    return MaxNLocator(5).tick_values(lo, hi)


# ---------------------------------------------------------------- curves (one input)


class CurveFamily:
    """Draws of a one-input family as curves over `x`, one draw shown at a time.

    `Y` is (n_draws, n_points) or (n_draws, n_points, k). With k > 1 every output gets its own
    colour. `regions`: None, "sign" (one output: A above `threshold`, B below) or "argmax" (the
    largest output names the region); the regions are tinted and lettered, in `region_colors`
    (sign: A in the colour of positive values of `theme.cmap_div`, B in that of negative ones). `ghosts` keeps the
    draws already shown as faint lines, so the family builds up as the animation plays.
    """

    MAX_LETTERS = 16
    LETTER_ROOM = 20  # CSS px: a region narrower than this on the page gets no letter (a bold 12-px letter is ~9)

    def __init__(self, ax, theme, x, Y, activation: str | None = None, regions: str | None = None,
                 threshold: float | None = None, ghosts: bool = False, counter: bool = True,
                 legend: bool = True, linewidth: float = 2.4):
        Y = np.asarray(Y, dtype=float)
        if Y.ndim == 2:
            Y = Y[:, :, None]
        if regions not in (None, "sign", "argmax"):
            raise ValueError(f"regions must be None, 'sign' or 'argmax', got {regions!r}")
        if regions == "argmax" and Y.shape[2] < 2:
            raise ValueError("regions='argmax' needs a family with at least two outputs")
        self.ax, self.theme, self.x, self.Y = ax, theme, axis("x", x), Y
        self.regions = regions
        self.threshold = THRESHOLD.get(activation, 0.0) if threshold is None else threshold
        self.limits = value_limits(Y, activation)
        if regions:  # a band above the highest value for the region letters, so no curve runs through them
            self.limits = (self.limits[0], self.limits[1] + 0.12 * (self.limits[1] - self.limits[0]))
        self.n = Y.shape[0]
        k = Y.shape[2]
        lo, hi = self.limits

        ax.set_xlim(self.x[0], self.x[-1])
        ax.set_ylim(lo, hi)
        ax.set_xticks(_symmetric_ticks(self.x[0], self.x[-1]))
        ax.axhline(self.threshold, color=theme.muted, lw=0.9, ls="--" if regions == "sign" else "-", zorder=1)
        ax.axvline(0.0, color=theme.grid, lw=0.8, zorder=0)
        ax.set_xlabel("input x")
        ax.set_ylabel("output y" if k == 1 else "outputs")

        self.strip = None
        self.letters = []
        self.handles = []  # legend entries of the regions, for a figure-level legend
        self.region_colors = []  # the colour of category 0 (A), 1 (B), ...
        if regions:
            n_cat = 2 if regions == "sign" else k
            # argmax: category c is output c, class colour c. sign: A (above the threshold) takes the colour
            # `theme.cmap_div` gives values above the threshold (class 1, orange), B the one below (class 0),
            # so a cut curve and a cut surface's map (`surfaces`) colour the same side alike.
            self.region_colors = category_colors(theme, n_cat)
            # A see-through tint: the zero line and the frame behind it stay visible.
            self._region_rgba = np.array([(*to_rgb(c), 0.16) for c in self.region_colors])
            self.strip = PolyCollection([], linewidths=0, antialiaseds=False, zorder=0.5)  # one box per region
            ax.add_collection(self.strip)
            self.letters = [ax.text(0, hi - 0.055 * (hi - lo), "", ha="center", va="center", fontsize=12,
                                    fontweight="bold", zorder=4) for _ in range(self.MAX_LETTERS)]
            names = region_letters(n_cat)
            if regions == "sign":
                labels = [f"A: y > {self.threshold:g}", f"B: y < {self.threshold:g}"]
            else:
                labels = [f"{names[c]}: output {c + 1} highest" for c in range(n_cat)]
            self.handles = [Patch(facecolor=_mix(color, theme.bg, 0.35)[()], edgecolor=color, label=label)
                            for color, label in zip(self.region_colors, labels)]
            if legend:
                ax.legend(handles=self.handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize=12, ncols=n_cat,
                          frameon=False, borderaxespad=0.2, handlelength=1.2, columnspacing=1.0)

        self.ghost_lines = None
        if ghosts:
            self.ghost_lines = LineCollection([], colors=theme.muted, linewidths=0.8, alpha=0.35, zorder=2)
            ax.add_collection(self.ghost_lines)
        colors = [theme.accent] if k == 1 else category_colors(theme, k)
        self.lines = [ax.plot(self.x, Y[0, :, j], color=colors[j], lw=linewidth, zorder=3)[0] for j in range(k)]
        self.counter = draw_counter(ax, theme) if counter else None

    def _width_css(self) -> float:
        """The axes' width in CSS px (1 pt = 1 CSS px, whatever the figure's dpi)."""
        return self.ax.get_position().width * self.ax.figure.get_figwidth() * 72

    def categories(self, i: int) -> np.ndarray:
        """The category (0 = A, 1 = B, ...) at each x for draw i (regions must be set)."""
        if self.regions == "sign":
            return sign_regions(self.Y[i, :, 0], self.threshold)
        return argmax_regions(self.Y[i])[0]

    def dynamic(self) -> list:
        """The artists `show` changes."""
        parts = [*self.lines, *self.letters, self.strip, self.ghost_lines, self.counter]
        return [a for a in parts if a is not None]

    def show(self, i: int):
        """Move every artist to draw i."""
        for j, line in enumerate(self.lines):
            line.set_ydata(self.Y[i, :, j])
        if self.ghost_lines is not None:
            self.ghost_lines.set_segments([np.column_stack([self.x, self.Y[d, :, 0]]) for d in range(i)])
        if self.regions:
            cats = self.categories(i)
            lo, hi = self.limits
            all_runs = intervals(self.x, cats)
            self.strip.set_verts([[(a, lo), (b, lo), (b, hi), (a, hi)] for a, b, _ in all_runs])
            self.strip.set_facecolor(self._region_rgba[[c for _, _, c in all_runs]])
            names = region_letters(len(self._region_rgba))
            span = self.x[-1] - self.x[0]
            runs = [r for r in all_runs if (r[1] - r[0]) / span * self._width_css() > self.LETTER_ROOM]
            for t, text in enumerate(self.letters):
                if t < len(runs):
                    a, b, c = runs[t]
                    text.set_x((a + b) / 2)
                    text.set_text(names[c])
                    text.set_color(self.region_colors[c])
                else:
                    text.set_text("")
        if self.counter is not None:
            self.counter.set_text(f"draw {i + 1} of {self.n}")
        return self


# ---------------------------------------------------------------- argmax regions (two inputs)


class RegionFamily:
    """Draws of a two-input, k-output family as the map of which output is largest.

    Each region takes its output's class colour; the colour fades towards the background
    where the runner-up is close (margin below `fade`), and the borders are drawn as lines.
    `Y` is (n_draws, len(x2), len(x1), k).
    """

    def __init__(self, ax, theme, x1, x2, Y, fade: float = 0.4, counter: bool = True, legend: bool = True):
        self.ax, self.theme = ax, theme
        self.x1, self.x2 = axis("x1", x1), axis("x2", x2)
        self.Y = np.asarray(Y, dtype=float)
        if self.Y.ndim != 4 or self.Y.shape[1:3] != (len(self.x2), len(self.x1)):
            raise ValueError(f"Y must be (n_draws, {len(self.x2)}, {len(self.x1)}, k), got {self.Y.shape}")
        self.n, self.k = self.Y.shape[0], self.Y.shape[3]
        self.fade = fade
        self.colors = np.array([to_rgb(c) for c in category_colors(theme, self.k)])
        self.bg = np.array(to_rgb(theme.bg))
        extent = (self.x1[0], self.x1[-1], self.x2[0], self.x2[-1])
        self.image = ax.imshow(np.zeros(self.Y.shape[1:3] + (3,)), origin="lower", extent=extent,
                               interpolation="nearest", aspect="equal", zorder=0)
        ax.set_xlim(extent[:2])
        ax.set_ylim(extent[2:])
        ax.set_xticks(_symmetric_ticks(*extent[:2]))
        ax.set_yticks(_symmetric_ticks(*extent[2:]))
        ax.set_xlabel("input x1")
        ax.set_ylabel("input x2")
        self.borders = []
        names = region_letters(self.k)
        self.handles = [Patch(facecolor=self.colors[c], label=f"{names[c]}: output {c + 1} highest")
                        for c in range(self.k)]
        if legend:
            ax.legend(handles=self.handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=12, frameon=False)
        self.counter = draw_counter(ax, theme) if counter else None

    def rgb(self, i: int) -> np.ndarray:
        """The picture of draw i: (len(x2), len(x1), 3) RGB."""
        labels, margin = argmax_regions(self.Y[i])
        amount = (0.35 + 0.5 * np.clip(margin / self.fade, 0.0, 1.0))[..., None]
        return amount * self.colors[labels] + (1 - amount) * self.bg

    def dynamic(self) -> list:
        return [a for a in (self.image, *self.borders, self.counter) if a is not None]

    def show(self, i: int):
        """Recolour the map and redraw the borders for draw i."""
        self.image.set_data(self.rgb(i))
        for artist in self.borders:
            artist.remove()
        self.borders = []
        Y = self.Y[i]
        for c in range(1 if self.k == 2 else self.k):  # with two outputs one line is the whole border
            lead = Y[..., c] - np.delete(Y, c, axis=-1).max(axis=-1)
            if lead.min() < 0 < lead.max():
                self.borders.append(self.ax.contour(self.x1, self.x2, lead, levels=[0.0], colors=[self.theme.fg],
                                                    linewidths=1.0, zorder=2))
        if self.counter is not None:
            self.counter.set_text(f"draw {i + 1} of {self.n}")
        return self
