"""Curves: one-dimensional samples by category, their histograms, and training curves.

Colours come from a `Theme` only: class k is `theme.classes[k]`. Helpers draw into axes they
are given and return their artists; the animated ones return an object with `update(...)`:

    view = curves.probability_curve(ax, theme, x, y)       # 1-D samples + a classifier's curve
    view.update(net.predict_proba(view.grid[:, None]))     # curve, boundary, shaded sides
    curve = curves.training_curve(ax, theme, hist.loss, label="loss")
    curve.update(epoch)                                    # reveal the loss up to that epoch
"""
from __future__ import annotations

import numpy as np

from nnviz.render.plots._checks import axis

__all__ = ["category_points", "class_histograms", "ProbabilityCurve", "probability_curve", "training_curve",
           "TrainingCurve", "EndLabels", "end_labels", "spread"]


def category_points(ax, theme, x, y, labels=("category 0", "category 1"), size: float = 22, alpha: float = 0.6):
    """1-D samples `x` drawn at the height of their category `y` (0 or 1), one colour per class.

    Half-transparent, so that piles of overlapping points read darker."""
    x, y = np.asarray(x).ravel(), np.asarray(y).ravel().astype(int)
    artists = []
    for k, label in enumerate(labels):
        artists.append(ax.scatter(x[y == k], y[y == k], s=size, color=theme.classes[k], alpha=alpha,
                                  edgecolors="none", label=label, zorder=3))
    ax.set_yticks([0, 1])
    return artists


def class_histograms(ax, theme, x, y, bins: int = 50, range=(-5.0, 5.0), labels=("category 0", "category 1"),
                     alpha: float = 0.55):
    """Overlaid histograms of `x` per category `y`, on shared bins; returns the bin width."""
    x, y = np.asarray(x).ravel(), np.asarray(y).ravel().astype(int)
    edges = np.linspace(range[0], range[1], bins + 1)
    for k, label in enumerate(labels):
        ax.hist(x[y == k], bins=edges, color=theme.classes[k], alpha=alpha, label=label,
                histtype="stepfilled", edgecolor=theme.classes[k], linewidth=0.8)
    return float(edges[1] - edges[0])


class ProbabilityCurve:
    """A 1-D classifier over its samples: its probability curve, the boundary where the curve
    crosses 0.5 (dashed), each side shaded faintly in the colour of the class it is given, and an
    optional text box. `grid` holds the x values at which `update` expects the probabilities."""

    def __init__(self, ax, theme, x, y, xlim, n: int, labels):
        self.ax, self.theme = ax, theme
        xlim = axis("xlim", xlim)
        self.grid = np.linspace(xlim[0], xlim[1], n)
        category_points(ax, theme, x, y, labels=labels, alpha=0.45)
        ax.axhline(0.5, color=theme.grid, linewidth=1, zorder=1)
        self.sides = [ax.axvspan(xlim[0], xlim[0], color=theme.classes[k], alpha=0.1, linewidth=0, zorder=0)
                      for k in (0, 1)]
        (self.line,) = ax.plot(self.grid, np.full(n, 0.5), color=theme.fg, zorder=4)
        self.boundary = ax.axvline(np.nan, color=theme.muted, linestyle="--", linewidth=1.2, zorder=2)
        self.text = ax.text(0.985, 0.16, "", transform=ax.transAxes, ha="right", va="bottom", color=theme.fg,
                            family="DejaVu Sans Mono", fontsize=12, zorder=5,
                            bbox=dict(boxstyle="round,pad=0.4", facecolor=theme.bg, edgecolor=theme.grid,
                                      alpha=0.9))
        ax.set_xlim(*xlim)
        ax.set_ylim(-0.15, 1.15)
        ax.set_yticks([0, 0.5, 1])

    def update(self, p, text: str = ""):
        """Draw the probabilities `p` (one per grid point) and put `text` in the box."""
        p = np.asarray(p, dtype=float).ravel()
        self.line.set_ydata(p)
        lo, hi = self.grid[0], self.grid[-1]
        above = p > 0.5
        cross = np.flatnonzero(above[1:] != above[:-1])
        if len(cross):  # linear interpolation between the two grid points around the first crossing
            i = cross[0]
            edge = self.grid[i] + (0.5 - p[i]) * (self.grid[i + 1] - self.grid[i]) / (p[i + 1] - p[i])
        else:  # one class everywhere
            edge = hi
        left = int(above[0])  # the class given left of the boundary; the other one right of it
        self.boundary.set_xdata([edge, edge] if len(cross) else [np.nan, np.nan])
        self.sides[left].set_x(lo)
        self.sides[left].set_width(edge - lo)
        self.sides[1 - left].set_x(edge)
        self.sides[1 - left].set_width(hi - edge)
        self.text.set_text(text)
        self.text.set_visible(bool(text))
        return self


def probability_curve(ax, theme, x, y, xlim=(-5.0, 5.0), n: int = 401,
                      labels=("category 0", "category 1")) -> ProbabilityCurve:
    """Samples `x` at the height of their category `y`, ready for a classifier's curve: call
    `.update(p, text)` with the probability of category 1 at each of `.grid` (n points over xlim)."""
    return ProbabilityCurve(ax, theme, x, y, xlim, n, labels)


class TrainingCurve:
    """A curve over epochs, shown faintly in full and drawn in colour up to the current epoch."""

    def __init__(self, ax, theme, values, epochs, color, label, ghost: bool):
        self.values = np.asarray(values, dtype=float)
        self.epochs = np.arange(1, len(self.values) + 1) if epochs is None else np.asarray(epochs)
        if ghost:
            ax.plot(self.epochs, self.values, color=theme.grid, linewidth=1.2, zorder=1)
        (self.line,) = ax.plot(self.epochs[:1], self.values[:1], color=color, label=label, zorder=2)
        (self.dot,) = ax.plot(self.epochs[:1], self.values[:1], "o", color=color, markersize=5, zorder=3,
                              clip_on=False)

    def update(self, i: int):
        """Show the curve up to index `i` (the i-th recorded epoch) with a dot at its end."""
        i = int(np.clip(i, 0, len(self.values) - 1))
        self.line.set_data(self.epochs[: i + 1], self.values[: i + 1])
        self.dot.set_data(self.epochs[i: i + 1], self.values[i: i + 1])
        return self


def training_curve(ax, theme, values, epochs=None, color=None, label=None, ghost: bool = True,
                   log_epochs: bool = False) -> TrainingCurve:
    """A loss (or accuracy) curve for an animation: `values` per recorded epoch (`epochs`, default
    1, 2, ...). With `ghost`, the whole curve is drawn faintly first so the reader sees where it
    is heading; the axes limits are set from the full curve so they never jump between frames.

    `log_epochs` spaces the epoch axis logarithmically (linear between 0 and 1, so epoch 0 fits):
    training changes most at the start, and animations that show epochs spaced geometrically
    then move the dot at an even pace. The axis label is left to the caller."""
    curve = TrainingCurve(ax, theme, values, epochs, color or theme.accent, label, ghost)
    ax.update_datalim(np.column_stack([curve.epochs, curve.values]))
    ax.autoscale_view()
    if log_epochs:
        last = int(curve.epochs[-1])
        ax.set_xscale("symlog", linthresh=1, linscale=0.5)
        ax.set_xlim(0, last)
        ticks = [0, 1] + [10**k for k in range(1, len(str(last))) if 10**k < 0.6 * last] + [last]
        ax.set_xticks(ticks, [str(t) for t in ticks])
        ax.minorticks_off()
    return curve


def spread(values, gap: float) -> np.ndarray:
    """`values` moved apart as little as possible so that neighbours are at least `gap` apart,
    keeping their order (the labels of curves that end close together). Returns a new array."""
    v = np.asarray(values, dtype=float)
    order = np.argsort(v, kind="stable")
    out = v[order].copy()
    for _ in range(len(out)):  # push up, then centre each crowded run on its original mean
        for i in range(1, len(out)):
            out[i] = max(out[i], out[i - 1] + gap)
        shift = (v[order] - out).mean()
        out += shift
        if np.all(np.diff(out) >= gap - 1e-9):
            break
    result = np.empty_like(out)
    result[order] = out
    return result


class EndLabels:
    """Names written in the right margin of `ax`, each at the height of its curve's current end and in
    its colour, spread apart when curves end close together; `update(ys)` moves them."""

    def __init__(self, ax, theme, names, colors, fontsize: float = 12):
        self.ax, self.fontsize = ax, fontsize
        self.texts = [ax.annotate(name, (1.0, 0.5), xycoords="axes fraction", xytext=(6, 0),
                                  textcoords="offset points", ha="left", va="center", color=color,
                                  fontsize=fontsize, annotation_clip=False)
                      for name, color in zip(names, colors)]

    def update(self, ys):
        """Put the labels at the data heights `ys` (one per name), no two closer than a line of text."""
        ax = self.ax
        to_axes = ax.transData + ax.transAxes.inverted()  # any y scale (linear or log)
        x0 = ax.get_xlim()[0]
        frac = np.array([to_axes.transform((x0, y))[1] if np.isfinite(y) else 1.0 for y in ys])
        frac = np.clip(frac, 0.0, 1.0)  # a curve off the top (a diverging run) is named at the top
        height_px = ax.get_window_extent().height * 72 / ax.get_figure(root=True).dpi  # CSS px
        for text, f in zip(self.texts, spread(frac, 1.15 * self.fontsize / height_px)):
            text.xy = (1.0, float(f))
        return self


def end_labels(ax, theme, names, colors, ys=None, fontsize: float = 12) -> EndLabels:
    """Label curves directly, in the right margin at the height of each curve's end (`ys`), instead of
    with a legend: the reader does not match colours to a key. Leave room right of `ax` for them."""
    labels = EndLabels(ax, theme, names, colors, fontsize)
    if ys is not None:
        labels.update(ys)
    return labels
