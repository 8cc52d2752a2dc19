"""Two-input, one-output families: a 3-D surface beside its top-down map, one draw at a time.

The companion of `families` (same conventions: all draws given at once, axes fixed over the
family, `show(i)` moves artists that already exist, `dynamic()` lists them):

    Z = fam.forward(points)[..., 0].reshape(n_draws, len(g), len(g))
    view = surfaces.SurfaceAndMap(ax3d, ax_map, theme, g, g, Z)   # ax3d: projection="3d"
    view.colorbar(cax)                                            # one scale for both panels
    view.show(7)                                                  # in an animation's update(i)

A 3-D view alone hides things: a surface can cover its own floor, and matplotlib paints a
whole collection over another, so a contour drawn on the floor may end up on top of the
surface or under it. The map beside the surface shows the same values seen from straight
above, with the threshold's contour (the border a classifier would draw) as a line that is
never covered. Both panels colour values with `theme.cmap_div` centred at the threshold
(0, or 0.5 for sigmoid), on one shared scale that the colour bar reads.
"""
from __future__ import annotations

import numpy as np
from matplotlib.cm import ScalarMappable
from matplotlib.colors import BoundaryNorm, Normalize, to_rgb
from matplotlib.ticker import MaxNLocator

from nnviz.render.plots._checks import axis as axis_values
from nnviz.render.plots.families import ACTIVATION_RANGE, THRESHOLD, _symmetric_ticks, draw_counter, value_limits

__all__ = ["BANDS", "value_norm", "SurfaceFamily", "MapFamily", "SurfaceAndMap"]

BANDS = 16  # colour bands over the scale, 8 each side of the threshold: like contour lines, they show the
            # shape, and a 256-colour PNG or a 31-colour GIF holds them exactly (smooth ramps come out terraced)


def value_norm(Z, activation: str | None = None, bands: int = BANDS) -> tuple[float, BoundaryNorm]:
    """The threshold and the banded colour scale of a family's values, centred on the threshold.

    A bounded activation (tanh, sigmoid) spans its whole range, so every family of that
    activation shares one scale. An unbounded one spans the 80th percentile of |Z - threshold|
    over all draws, rounded up to a nice number: a few extreme draws do not wash out everyone
    else's colours (values beyond it take the end colours; the colour bar's pointed ends say so).
    `bands` (even) equal bands, the threshold on the edge between the middle two.
    Raises ValueError for an odd or non-positive `bands`.
    """
    if bands < 2 or bands % 2:
        raise ValueError(f"bands must be a positive even number, got {bands!r}")
    threshold = THRESHOLD.get(activation, 0.0)
    if activation in ACTIVATION_RANGE:
        lo, hi = ACTIVATION_RANGE[activation]
        half, extend = max(hi - threshold, threshold - lo), "neither"
    else:
        half = float(np.percentile(np.abs(np.asarray(Z, dtype=float) - threshold), 80)) or 1.0
        half, extend = float(MaxNLocator(nbins=1, steps=[1, 2, 2.5, 5, 10]).tick_values(0, half)[-1]), "both"
    levels = np.linspace(threshold - half, threshold + half, bands + 1)
    return threshold, BoundaryNorm(levels, 256, extend=extend)


def _family_values(x1, x2, Z, activation, norm):
    """A two-input family's checked axes, its values Z (n_draws, len(x2), len(x1)) as floats, its
    threshold and colour bands (`norm`, or `value_norm`'s). ValueError on a flat axis or a Z of
    another shape."""
    x1, x2 = axis_values("x1", x1), axis_values("x2", x2)
    Z = np.asarray(Z, dtype=float)
    if Z.ndim != 3 or Z.shape[1:] != (len(x2), len(x1)):
        raise ValueError(f"Z must be (n_draws, {len(x2)}, {len(x1)}), got {Z.shape}")
    threshold, default_norm = value_norm(Z, activation)
    return x1, x2, Z, threshold, norm or default_norm


class SurfaceFamily:
    """Draws of a two-input, one-output family as coloured 3-D surfaces (no floor).

    One `Poly3DCollection` is made once and given new vertices and face colours per draw.
    `x1`, `x2` are the grid's axes, `Z` is (n_draws, len(x2), len(x1)). Faces are coloured by
    the continuous version of `norm`'s scale through `theme.cmap_div` (bands would show each
    quad's edge as a staircase where they change), unlit: shading turns the pale middle of the
    scale grey and multiplies the colours a PNG or GIF palette must hold. An unbounded family
    (ReLU's plain sums) is the exception: its box must hold its largest draws, so a typical draw
    is a low sheet whose creases would not show; a facet turned further from a low light than the
    draw's median facet is dimmed (by `CREASE_SHADE` at most), so facets read as facets and creases
    as edges, while a plane keeps its colours.
    """

    BOX = (1.0, 1.0, 0.62)  # the drawn box's proportions (x1, x2, y)
    CREASE_SHADE = 0.4      # an unbounded family's facets are dimmed by up to this share (0: unlit)

    def __init__(self, ax, theme, x1, x2, Z, activation: str | None = None, norm: BoundaryNorm | None = None,
                 limits: tuple[float, float] | None = None, labels: bool = True, ticks: bool = True,
                 view=(28, -58), zoom: float = 1.0):
        from mpl_toolkits.mplot3d.art3d import Poly3DCollection

        self.ax, self.theme = ax, theme
        self.x1, self.x2, self.Z, self.threshold, self.norm = _family_values(x1, x2, Z, activation, norm)
        self.n = self.Z.shape[0]
        self.smooth = Normalize(self.norm.vmin, self.norm.vmax)
        self.cmap = theme.cmap_div
        self.limits = limits or value_limits(self.Z, activation, pad=0.0)
        self.shade = 0.0 if activation in ACTIVATION_RANGE else self.CREASE_SHADE
        self.view = view
        self.G1, self.G2 = np.meshgrid(self.x1, self.x2)

        ax.set_xlim(self.x1[0], self.x1[-1])
        ax.set_ylim(self.x2[0], self.x2[-1])
        ax.set_zlim(*self.limits)
        ax.view_init(*view)
        ax.set_box_aspect(self.BOX, zoom=zoom)
        # Grid lines at the ends and the middle; the numbers are on the map and the colour bar, where
        # they do not crowd each other at the box's corners.
        ax.set_xticks(_ends_and_zero(self.x1), labels=[])
        ax.set_yticks(_ends_and_zero(self.x2), labels=[])
        ax.set_zticks(_nice_ticks(*self.limits), labels=[] if not ticks else None)
        ax.tick_params(pad=-1)
        if labels:
            ax.set_xlabel("x1", labelpad=-12)
            ax.set_ylabel("x2", labelpad=-12)
        for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
            axis.set_pane_color((*to_rgb(theme.grid), 0.5))  # panes apart from the scale's middle (= bg)
            axis._axinfo["grid"].update(color=(*to_rgb(theme.grid), 0.6), linewidth=0.6)

        verts, colors = self._faces(0)
        # Edges in the face colours close the hair-line seams between quads that antialiasing opens.
        self.surface = Poly3DCollection(verts, facecolors=colors, edgecolors=colors, linewidths=0.35)
        ax.add_collection3d(self.surface)

    def _faces(self, i):
        """Quad vertices (n_quads, 4, 3) and their RGBA colours (of the quad's mean value) for draw i."""
        Z = self.Z[i]
        P = np.stack([self.G1, self.G2, Z], axis=-1)
        a, b, c, d = P[:-1, :-1], P[:-1, 1:], P[1:, 1:], P[1:, :-1]
        verts = np.stack([a, b, c, d], axis=2).reshape(-1, 4, 3)
        colors = self.cmap(self.smooth(verts[:, :, 2].mean(axis=1)))
        if self.shade:
            f = self._facing(verts)  # facets turned from the light less than the draw's median: full colour
            dim = np.clip(1.0 + 2.0 * (f - np.median(f)), 1.0 - self.shade, 1.0)
            # in steps of 5 %: a few tones per colour, so the 255-colour GIF keeps every frame at 42 dB
            colors[:, :3] *= (np.round(dim * 20) / 20)[:, None]
        return verts, colors

    def _facing(self, verts):
        """How squarely each quad faces a low light left of the viewer, 0..1, in the drawn box's proportions."""
        span = np.array([self.x1[-1] - self.x1[0], self.x2[-1] - self.x2[0], self.limits[1] - self.limits[0]])
        v = verts * (np.array(self.BOX) / span)
        n = np.cross(v[:, 2] - v[:, 0], v[:, 3] - v[:, 1])
        n /= np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-12)
        n *= np.sign(n[:, 2:3] + 1e-12)  # the upper side
        azim = np.radians(self.view[1] - 60)
        light = np.array([0.8 * np.cos(azim), 0.8 * np.sin(azim), 0.6])
        return np.clip(n @ light, 0.0, 1.0)

    def dynamic(self) -> list:
        return [self.surface]

    def show(self, i: int):
        """Move the surface to draw i."""
        verts, colors = self._faces(i)
        self.surface.set_verts(verts)
        self.surface.set_facecolor(colors)
        self.surface.set_edgecolor(colors)
        return self


class MapFamily:
    """Draws of a two-input, one-output family seen from above: colour = value, line = threshold.

    `Z` is (n_draws, len(x2), len(x1)); the values are drawn as filled contours in the bands of
    `norm`, and the threshold's contour on top in the foreground colour, where the output
    crosses it (a draw that never crosses it has no line).
    """

    def __init__(self, ax, theme, x1, x2, Z, activation: str | None = None, norm: BoundaryNorm | None = None,
                 labels: bool = True):
        self.ax, self.theme = ax, theme
        self.x1, self.x2, self.Z, self.threshold, self.norm = _family_values(x1, x2, Z, activation, norm)
        self.n = self.Z.shape[0]
        self.cmap = theme.cmap_div
        self.mappable = ScalarMappable(norm=self.norm, cmap=self.cmap)  # what the colour bar reads
        extent = (self.x1[0], self.x1[-1], self.x2[0], self.x2[-1])
        ax.set_aspect("equal")
        ax.set_xlim(extent[:2])
        ax.set_ylim(extent[2:])
        ax.set_xticks(_symmetric_ticks(*extent[:2])[::2])
        ax.set_yticks(_symmetric_ticks(*extent[2:])[::2])
        if labels:
            ax.set_xlabel("input x1", labelpad=1)
            ax.set_ylabel("input x2", labelpad=0)
        self.drawn = []

    def dynamic(self) -> list:
        return list(self.drawn)

    def show(self, i: int):
        """Redraw the filled bands and the threshold's contour for draw i."""
        Z = self.Z[i]
        for artist in self.drawn:
            artist.remove()
        self.drawn = [self.ax.contourf(self.x1, self.x2, Z, levels=self.norm.boundaries, cmap=self.cmap,
                                       norm=self.norm, extend=self.norm.extend, zorder=0)]
        if Z.min() < self.threshold < Z.max():
            self.drawn.append(self.ax.contour(self.x1, self.x2, Z, levels=[self.threshold], colors=[self.theme.fg],
                                               linewidths=1.6, zorder=2))
        return self


class SurfaceAndMap:
    """A 3-D surface and its top-down map for the same draws, on one colour scale.

    `ax3d` (projection="3d") gets the `SurfaceFamily`, `ax_map` the `MapFamily`; `counter`
    adds the "draw i of n" label in the figure's corner. The map shows every grid point; the
    surface every `step`-th one in each direction (a 3-D mesh costs per quad, and a few dozen
    quads a side read as smooth while the map needs one value per pixel or so). `Z` (all
    points), `limits` (the 3-D box's height, holding every value) and `ax` (the box) let
    callers check that every draw fits.
    """

    def __init__(self, ax3d, ax_map, theme, x1, x2, Z, activation: str | None = None, counter: bool = True,
                 labels: bool = True, ticks: bool = True, zoom: float = 1.0, step: int = 1):
        Z = np.asarray(Z, dtype=float)
        x1, x2 = axis_values("x1", x1), axis_values("x2", x2)
        if not (isinstance(step, int) and step >= 1):
            raise ValueError(f"step must be a positive integer, got {step!r}")
        if (len(x1) - 1) % step or (len(x2) - 1) % step:
            raise ValueError(f"step {step} must divide the grid's {len(x1) - 1} x {len(x2) - 1} intervals, "
                             "so the surface keeps the grid's edges")
        self.threshold, norm = value_norm(Z, activation)
        limits = value_limits(Z, activation, pad=0.0)
        self.surface = SurfaceFamily(ax3d, theme, x1[::step], x2[::step], Z[:, ::step, ::step], activation,
                                     norm=norm, limits=limits, labels=labels, ticks=ticks, zoom=zoom)
        self.map = MapFamily(ax_map, theme, x1, x2, Z, activation, norm=norm, labels=labels)
        self.ax, self.Z, self.limits, self.norm, self.n = ax3d, Z, limits, norm, len(Z)
        self.counter = draw_counter(ax3d, theme) if counter else None

    def colorbar(self, cax, label: str = "output y"):
        """The colour bar of both panels on `cax`; ticks at the ends and the threshold."""
        fig = cax.figure
        lo, hi = self.norm.vmin, self.norm.vmax
        bar = fig.colorbar(self.map.mappable, cax=cax, extend=self.norm.extend, extendfrac=0.05)
        bar.set_ticks(_nice_ticks(lo, hi, nbins=4))
        bar.set_label(label, labelpad=2)
        bar.outline.set_visible(False)
        return bar

    def dynamic(self) -> list:
        return [*self.surface.dynamic(), *self.map.dynamic(), *([self.counter] if self.counter else [])]

    def show(self, i: int):
        """Both panels to draw i."""
        self.surface.show(i)
        self.map.show(i)
        if self.counter is not None:
            self.counter.set_text(f"draw {i + 1} of {self.n}")
        return self


def _ends_and_zero(g):
    ticks = [g[0], g[-1]]
    if g[0] < 0 < g[-1]:
        ticks.insert(1, 0.0)
    return [float(t) for t in ticks]


def _nice_ticks(lo, hi, nbins: int = 3):
    """Two to `nbins` + 1 round ticks within [lo, hi]."""
    locator = MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10])
    return [float(t) for t in locator.tick_values(lo, hi) if lo - 1e-9 <= t <= hi + 1e-9]
