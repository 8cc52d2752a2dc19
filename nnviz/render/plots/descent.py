"""Cost landscapes and the paths gradient descent takes across them.

Two pictures of the same idea, for animations and stills:

- a cost over two parameters drawn as contour lines, with descent paths walking across it
  (`cost_contours`, `path_trace`);
- a one-parameter cost drawn as a curve, with balls rolling along it (`cost_curve`, `ball_trace`).

`descend` makes the paths: it applies the engine's own optimiser (`nnviz.engine.optim.SGD`,
with or without momentum) to any gradient function, so a path drawn here follows exactly the
update rule the networks of the site are trained with.

    path = descent.descend(grad, start=[-1, 3], lr=0.1, steps=40)      # (41, 2) points
    descent.cost_contours(ax, theme, b_grid, w_grid, cost)
    trace = descent.path_trace(ax, theme, path, color=theme.classes[0], label="lr 0.1")
    trace.update(i)                                                    # in update(i): steps 0..i

`freeze_layout(fig)` lays an animation's figure out once, so its frames never shift.
Colours come from the theme handed in; helpers return the artists they make.
"""
from __future__ import annotations

import matplotlib as mpl
import numpy as np

from nnviz.engine.optim import SGD
from nnviz.render.animate import freeze_layout
from nnviz.render.plots._checks import axis, flat_pad, is_flat

__all__ = ["freeze_layout", "descend", "cost_contours", "path_trace", "PathTrace", "cost_curve", "ball_trace", "BallTrace"]



def descend(grad, start, lr, steps, momentum=0.0, limit=1e6):
    """Positions visited by gradient descent from `start`: an array (steps + 1, n_params).

    `grad(theta)` returns the gradient at theta. A path that runs away (|theta| > limit) is
    frozen where it left, so diverging runs stay finite and drawable.
    """
    theta = np.array(start, dtype=float).ravel()
    opt = SGD(lr=lr, momentum=momentum)
    path = [theta.copy()]
    for _ in range(int(steps)):
        if np.abs(theta).max() <= limit:
            opt.step(theta, np.asarray(grad(theta), dtype=float).ravel())
        path.append(theta.copy())
    return np.array(path)


def cost_contours(ax, theme, x, y, cost, levels=12, log=True, filled=True, label_levels=False):
    """Contours of `cost` (shape (len(y), len(x))) over the grid `x`, `y`.

    With `log`, levels are spaced geometrically from just above the minimum, so the narrow
    valley floor gets as many lines as the steep walls. Returns the line ContourSet.

    A flat cost (max - min within `_checks.FLAT` of its size, e.g. 0.25 everywhere) has no
    contour lines: the plane gets the fill of the lowest level and the ContourSet is empty.
    """
    cost = np.asarray(cost, dtype=float)
    lo, hi = float(cost.min()), float(cost.max())
    if is_flat(lo, hi):
        pad = flat_pad(hi)
        if filled:
            ax.contourf(x, y, cost, levels=[lo - pad, hi + pad], colors=[mpl.colormaps[theme.cmap_seq](0.0)], alpha=0.22, zorder=0)
        return ax.contour(x, y, cost, levels=[hi + pad], colors=theme.muted, linewidths=0.7, zorder=1)  # no line
    if log:
        base = max(lo, 1e-12)
        lv = base + (hi - base) * (np.geomspace(1e-3, 1.0, levels))
    else:
        lv = np.linspace(lo, hi, levels + 2)[1:-1]
    if filled:
        ax.contourf(x, y, cost, levels=np.concatenate([[lo], lv]), cmap=theme.cmap_seq, alpha=0.22,
                    extend="max", zorder=0)
    lines = ax.contour(x, y, cost, levels=lv, colors=theme.muted, linewidths=0.7, zorder=1)
    if label_levels:
        ax.clabel(lines, fontsize=12, fmt="%.2g")
    return lines


class PathTrace:
    """A descent path revealed step by step: a line through the visited points and a dot at the head."""

    def __init__(self, ax, path, color, label, markersize, zorder):
        self.path = np.asarray(path, dtype=float)
        (self.line,) = ax.plot(self.path[:1, 0], self.path[:1, 1], "-o", color=color, markersize=2.5,
                               linewidth=1.3, label=label, zorder=zorder, clip_on=True)
        (self.head,) = ax.plot(self.path[:1, 0], self.path[:1, 1], "o", color=color, markersize=markersize,
                               markeredgecolor="none", zorder=zorder + 0.5, clip_on=True)

    def update(self, i):
        """Show steps 0..i (clamped to the path's length)."""
        i = int(np.clip(i, 0, len(self.path) - 1))
        self.line.set_data(self.path[: i + 1, 0], self.path[: i + 1, 1])
        self.head.set_data(self.path[i: i + 1, 0], self.path[i: i + 1, 1])
        return self


def path_trace(ax, theme, path, color=None, label=None, markersize=7, zorder=3):
    """A `PathTrace` for a 2-column path (x, y) on `ax`; call `.update(i)` per frame.

    A higher `zorder` draws the path above the others (e.g. the one the reader should follow)."""
    return PathTrace(ax, path, color or theme.accent, label, markersize, zorder)


def cost_curve(ax, theme, w, cost, minima=None, legend=False):
    """A one-parameter cost as a curve with a light fill below it.

    `minima`: positions to mark on the curve, a star for the lowest (global) one and small
    triangles for the others (local), pointing down at the dip from a little above it (a ball
    resting in the dip would cover a mark drawn on the curve); `legend` explains the two marks.
    Returns the line.
    """
    w, cost = axis("w", w), np.asarray(cost, float)
    span = cost.max() - cost.min()
    if is_flat(cost.min(), cost.max()):  # a flat cost: a level line with room above and below it
        span = 2 * flat_pad(cost.max())
    floor = cost.min() - 0.06 * span
    ax.fill_between(w, floor, cost, color=theme.grid, alpha=0.45, linewidth=0, zorder=0)
    (line,) = ax.plot(w, cost, color=theme.fg, linewidth=1.6, zorder=1)
    if minima is not None and len(minima):
        vals = np.interp(minima, w, cost)
        best = int(np.argmin(vals))
        others = [k for k in range(len(minima)) if k != best]
        above = 0.1 * span  # clear of the largest ball (14 px) in the dip
        ax.plot(np.asarray(minima)[others], vals[others] + above, "v", markersize=7, color=theme.muted,
                zorder=2, linestyle="none", label="local minimum")
        ax.plot([minima[best]], [vals[best] + above], "*", markersize=12, color=theme.fg, zorder=2,
                linestyle="none", label="global minimum")
        if legend:
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.86), fontsize=12, frameon=False,
                      handletextpad=0.3, borderaxespad=0.2)
    ax.set_ylim(floor, cost.max() + 0.2 * span)
    ax.set_xlim(w.min(), w.max())
    return line


class BallTrace:
    """A ball rolling along a 1-D cost: a dot at the current position and a fading trail."""

    def __init__(self, ax, theme, positions, cost_fn, color, trail, size):
        self.w = np.asarray(positions, float)
        self.c = np.asarray(cost_fn(self.w), float)
        self.trail = trail
        (self.tail,) = ax.plot(self.w[:1], self.c[:1], "-", color=color, linewidth=1.2, alpha=0.55, zorder=3)
        (self.ball,) = ax.plot(self.w[:1], self.c[:1], "o", color=color, markersize=size,
                               markeredgecolor=theme.bg, markeredgewidth=1.0, zorder=5)

    def update(self, i):
        i = int(np.clip(i, 0, len(self.w) - 1))
        j = max(0, i - self.trail)
        self.tail.set_data(self.w[j: i + 1], self.c[j: i + 1])
        self.ball.set_data(self.w[i: i + 1], self.c[i: i + 1])
        return self


def ball_trace(ax, theme, positions, cost_fn, color=None, trail=8, size=9):
    """A `BallTrace` for the positions a 1-D descent visits; call `.update(i)` per frame."""
    return BallTrace(ax, theme, positions, cost_fn, color or theme.accent, trail, size)
