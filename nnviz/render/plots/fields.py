"""Fields over a 2-D input plane: labelled points, a classifier's probability with its
decision boundary, and one small map per hidden neuron.

Every helper draws into axes it is given, takes its colours from a `Theme` only, and returns
the artists it made, wrapped so that an animation can move them with `.update(...)`:

    grid = fields.plane_grid(X)                         # points covering the data, plus margins
    field = fields.probability_field(ax, theme, grid, net.predict_proba(grid.points))
    fields.scatter_classes(ax, theme, X, y)
    field.update(other_net.predict_proba(grid.points))  # in an animation's update(i)

Colours: class k is `theme.classes[k]`; a probability p is shown on a scale from a pale
class-0 colour (p = 0) through the background (p = 0.5) to a pale class-1 colour (p = 1), so
the points, drawn in full colour, stay readable on top. A neuron's signed output (hidden tanh
units) uses `theme.cmap_out`, centred at 0: not the class colours, since a hidden unit is a feature. Fields are drawn in bands (10 by default: p in steps of 0.1),
which reads like a contour map and keeps animated GIFs small (few distinct colours).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.colors import LinearSegmentedColormap, to_rgb

from nnviz.render.plots._checks import is_flat

__all__ = ["Grid", "plane_grid", "class_cmap", "scatter_classes", "data_plane", "mark_errors", "probability_field",
           "ProbabilityField", "decision_map", "field_panel", "probability_key", "neuron_maps", "NeuronMaps"]


# ---------------------------------------------------------------- the plane


@dataclass(frozen=True)
class Grid:
    """A regular grid over the input plane: `points` (n*n, 2) row by row, `extent` for imshow."""

    x1: np.ndarray
    x2: np.ndarray
    points: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.x2), len(self.x1)

    @property
    def extent(self) -> tuple[float, float, float, float]:
        return float(self.x1[0]), float(self.x1[-1]), float(self.x2[0]), float(self.x2[-1])

    def image(self, values) -> np.ndarray:
        """Values at `points` (n*n,) or (n*n, 1) reshaped to an image, row 0 at the bottom."""
        return np.asarray(values, dtype=float).reshape(self.shape)


def plane_grid(X, n: int = 160, pad: float = 0.08) -> Grid:
    """A square-ish grid covering the points `X` (n_points, 2) with a margin of `pad` of each range.

    Points that do not spread along an axis (one point, all equal, all on a line) get the other
    axis's width there, or 1 when neither spreads, centred on them. Raises ValueError for an
    X that is not (n_points >= 1, 2) or holds a non-finite value.
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] < 1 or X.shape[1] != 2 or not np.all(np.isfinite(X)):
        raise ValueError(f"X must be finite points of shape (n_points >= 1, 2), got shape {X.shape}")
    lo, hi = X.min(axis=0), X.max(axis=0)
    flat = np.array([is_flat(a, b) for a, b in zip(lo, hi)])
    if flat.any():
        width = np.where(flat, 1.0 if flat.all() else float((hi - lo)[~flat].max()), hi - lo)
        centre = (lo + hi) / 2
        lo, hi = centre - width / 2, centre + width / 2
    margin = pad * (hi - lo)
    x1 = np.linspace(lo[0] - margin[0], hi[0] + margin[0], n)
    x2 = np.linspace(lo[1] - margin[1], hi[1] + margin[1], n)
    g1, g2 = np.meshgrid(x1, x2)
    return Grid(x1, x2, np.column_stack([g1.ravel(), g2.ravel()]))


# ---------------------------------------------------------------- colours


def _mix(color, bg, amount: float):
    """`amount` of `color` over `bg` (0: the background, 1: the colour itself)."""
    c, b = np.array(to_rgb(color)), np.array(to_rgb(bg))
    return tuple(amount * c + (1 - amount) * b)


def class_cmap(theme, strength: float = 0.5) -> LinearSegmentedColormap:
    """Probability of class 1: pale class-0 colour at 0, the background at 0.5, pale class-1 at 1."""
    c0 = _mix(theme.classes[0], theme.bg, strength)
    c1 = _mix(theme.classes[1], theme.bg, strength)
    return LinearSegmentedColormap.from_list(f"nnviz_classes_{theme.name}", [c0, theme.bg, c1])


# ---------------------------------------------------------------- points


def scatter_classes(ax, theme, X, y, labels=("class 0", "class 1"), size: float = 16, edgecolor=None, **kwargs):
    """The points `X` (n, 2) coloured by their label `y` (0 or 1); returns one artist per class.
    Each point is ringed in `edgecolor` (default: the background, which parts points that overlap;
    pass the foreground where points sit on a fill of their own colour, e.g. a small decision map)."""
    X, y = np.asarray(X), np.asarray(y).ravel().astype(int)
    artists = []
    for k, label in enumerate(labels):
        pts = X[y == k]
        artists.append(ax.scatter(pts[:, 0], pts[:, 1], s=size, color=theme.classes[k], label=label,
                                  edgecolors=edgecolor or theme.bg, linewidths=0.5, zorder=3, **kwargs))
    return artists


def data_plane(ax, theme, X, y, axis_labels=("$x_1$", "$x_2$")):
    """A data set on its own: the labelled points on equal axes, the class legend above the plot."""
    artists = scatter_classes(ax, theme, X, y)
    ax.set_aspect("equal")
    ax.set_xlabel(axis_labels[0])
    ax.set_ylabel(axis_labels[1])
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, frameon=False)
    return artists


def mark_errors(ax, theme, X, wrong, label="misclassified", size: float = 60):
    """Ring the points of `X` where the boolean mask `wrong` is true (a classifier's mistakes)."""
    X, wrong = np.asarray(X), np.asarray(wrong).ravel().astype(bool)
    return ax.scatter(X[wrong, 0], X[wrong, 1], s=size, facecolors="none", edgecolors=theme.fg,
                      linewidths=1.0, label=label, zorder=4)


# ---------------------------------------------------------------- probability and boundary


def _field_image(ax, grid: Grid, values, cmap, vmin, vmax, bands):
    """A smooth image of `values` over the grid, coloured in `bands` flat steps (None: continuous)."""
    if bands:
        cmap = cmap.resampled(bands)
    return ax.imshow(grid.image(values), origin="lower", extent=grid.extent, cmap=cmap, vmin=vmin, vmax=vmax,
                     aspect="auto", interpolation="bilinear", interpolation_stage="data", zorder=0)


class ProbabilityField:
    """A probability image with its p = 0.5 contour; `update(p)` redraws both for a new model."""

    def __init__(self, ax, theme, grid: Grid, p, boundary: bool = True, bands: int | None = 10):
        self.ax, self.theme, self.grid, self.boundary = ax, theme, grid, boundary
        self.image = _field_image(ax, grid, p, class_cmap(theme), 0.0, 1.0, bands)
        self.contour = None
        self._contour(p)
        ax.set_xlim(grid.extent[:2])
        ax.set_ylim(grid.extent[2:])

    def _contour(self, p):
        if self.contour is not None:
            self.contour.remove()
            self.contour = None
        img = self.grid.image(p)
        if self.boundary and img.min() < 0.5 < img.max():  # no boundary inside the plane: draw none
            self.contour = self.ax.contour(self.grid.x1, self.grid.x2, img, levels=[0.5],
                                           colors=[self.theme.fg], linewidths=1.8, zorder=2)

    def update(self, p):
        self.image.set_data(self.grid.image(p))
        self._contour(p)
        return self


def probability_field(ax, theme, grid: Grid, p, boundary: bool = True, bands: int | None = 10) -> ProbabilityField:
    """Shade the plane by the probability of class 1 `p` (one value per grid point) and draw the
    decision boundary p = 0.5 as a line in the foreground colour."""
    return ProbabilityField(ax, theme, grid, p, boundary, bands)


def decision_map(ax, theme, predict_proba, X, y, grid: Grid | None = None, title: str | None = None,
                 axis_labels=("$x_1$", "$x_2$"), point_size: float = 16, point_edge=None) -> ProbabilityField:
    """The usual classifier picture: probability field, boundary and the labelled points on top,
    on equal axes.

    `predict_proba` maps points (n, 2) to probabilities of class 1 (n,) or (n, 1), e.g.
    `net.predict_proba`. `point_edge` rings the points (see `scatter_classes`). Returns the field so
    an animation can update it.
    """
    grid = grid or plane_grid(X)
    field = probability_field(ax, theme, grid, predict_proba(grid.points))
    scatter_classes(ax, theme, X, y, size=point_size, edgecolor=point_edge)
    ax.set_aspect("equal")  # one unit of x1 as long as one unit of x2: shapes are not distorted
    if axis_labels:
        ax.set_xlabel(axis_labels[0])
        ax.set_ylabel(axis_labels[1])
    if title:
        ax.set_title(title)
    return field


def field_panel(ax, theme, grid: Grid, p, X, y, point_size: float = 6) -> ProbabilityField:
    """A small square decision map for a row or grid of them: probability field, boundary and the
    points, without ticks (the panels share the plane of a larger map). Returns the field."""
    field = probability_field(ax, theme, grid, p)
    scatter_classes(ax, theme, X, y, size=point_size)
    ax.set_box_aspect(1)
    ax.set_xticks([])
    ax.set_yticks([])
    return field


def probability_key(fig, field: ProbabilityField, ax, label: str = "P(class 1)", **kwargs):
    """The colour key of a probability field: a bar from 0 to 1 beside `ax` (or a list of axes
    sharing the field's scale), in the field's bands, ticked at 0, 0.5 and 1. `fig` is the figure or
    subfigure that holds the axes; `kwargs` go to `colorbar` (e.g. shrink, location). Returns the bar."""
    kwargs.setdefault("shrink", 0.8)
    bar = fig.colorbar(field.image, ax=ax, ticks=[0, 0.5, 1], **kwargs)
    bar.set_label(label)
    bar.outline.set_visible(False)
    return bar


# ---------------------------------------------------------------- one map per hidden neuron


class NeuronMaps:
    """Small maps of several neurons' outputs over the plane; `update(values)` refreshes them."""

    def __init__(self, axes, theme, grid: Grid, values, vlim: float, zero_line: bool, bands: int | None):
        self.axes, self.theme, self.grid, self.zero_line = list(axes), theme, grid, zero_line
        values = np.asarray(values)
        self.images, self.contours = [], [None] * values.shape[1]
        for j, ax in enumerate(self.axes):
            if j >= values.shape[1]:
                ax.set_axis_off()
                continue
            self.images.append(_field_image(ax, grid, values[:, j], theme.cmap_out, -vlim, vlim, bands))
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_box_aspect(1)
            for side in ("top", "right", "bottom", "left"):
                ax.spines[side].set_visible(True)
                ax.spines[side].set_color(theme.grid)
        self.update(values)

    def update(self, values):
        values = np.asarray(values)
        for j, image in enumerate(self.images):
            img = self.grid.image(values[:, j])
            image.set_data(img)
            if self.contours[j] is not None:
                self.contours[j].remove()
                self.contours[j] = None
            if self.zero_line and img.min() < 0 < img.max():
                self.contours[j] = self.axes[j].contour(self.grid.x1, self.grid.x2, img, levels=[0.0],
                                                        colors=[self.theme.fg], linewidths=0.7)
        return self


def neuron_maps(axes, theme, grid: Grid, values, vlim: float = 1.0, zero_line: bool = True,
                bands: int | None = 10) -> NeuronMaps:
    """One small map per neuron: `values` (n_grid_points, n_neurons), drawn into `axes` in order
    (extra axes are hidden). Colours run through `theme.cmap_out` from -vlim to +vlim (tanh outputs
    lie in [-1, 1]); `zero_line` traces where each neuron changes sign, its own straight-ish border."""
    return NeuronMaps(np.ravel(axes), theme, grid, values, vlim, zero_line, bands)
