"""Two-input, one-output families as shaded 3-D surfaces, shown one draw at a time.

The companion of `families` (same conventions: all draws given at once, axes fixed over the
family, `show(i)` moves artists that already exist, `dynamic()` lists them):

    Z = fam.forward(points)[..., 0].reshape(n_draws, len(g), len(g))
    surface = surfaces.SurfaceFamily(ax3d, theme, g, g, Z)   # ax3d: an axes with projection="3d"
    surface.show(7)                                          # in an animation's update(i)

The surface carries its filled contours projected on the floor, both coloured by
`theme.cmap_div` centred at the threshold.
"""
from __future__ import annotations

import numpy as np
from matplotlib.colors import Normalize, to_rgb
from matplotlib.ticker import MaxNLocator

from nnviz.render.plots._checks import axis as axis_values
from nnviz.render.plots.families import ACTIVATION_RANGE, THRESHOLD, draw_counter, value_limits

__all__ = ["SurfaceFamily"]


class SurfaceFamily:
    """Draws of a two-input, one-output family as shaded 3-D surfaces with floor contours.

    One `Poly3DCollection` is made once and given new vertices and face colours per draw; only
    the floor's filled contours are re-created. `x1`, `x2` are the grid's axes, `Z` is
    (n_draws, len(x2), len(x1)). Surface and floor are coloured by `theme.cmap_div` centred at
    the threshold (0, or 0.5 for sigmoid), lit from the upper left so folds and creases read, and
    the threshold's contour (the border a classifier would draw) is a line on the floor.
    """

    def __init__(self, ax, theme, x1, x2, Z, activation: str | None = None, levels: int = 10,
                 counter: bool = True, labels: bool = True, view=(26, -58), zoom: float = 1.0):
        from mpl_toolkits.mplot3d.art3d import Poly3DCollection

        self.ax, self.theme = ax, theme
        self.x1, self.x2 = axis_values("x1", x1), axis_values("x2", x2)
        self.Z = np.asarray(Z, dtype=float)
        if self.Z.ndim != 3 or self.Z.shape[1:] != (len(self.x2), len(self.x1)):
            raise ValueError(f"Z must be (n_draws, {len(self.x2)}, {len(self.x1)}), got {self.Z.shape}")
        self.n = self.Z.shape[0]
        self.threshold = THRESHOLD.get(activation, 0.0)
        lo, hi = value_limits(self.Z, activation, pad=0.0)
        self.floor = lo - 0.45 * (hi - lo)
        self.limits = (self.floor, hi)
        if activation in ACTIVATION_RANGE:
            half = max(hi - self.threshold, self.threshold - lo)
        else:  # unbounded: a few extreme draws should not wash out the colours of all the others
            half = float(np.percentile(np.abs(self.Z - self.threshold), 80)) or 1.0
        self.norm = Normalize(self.threshold - half, self.threshold + half)
        self.levels = np.linspace(self.threshold - half, self.threshold + half, levels + 1)
        self.cmap = theme.cmap_div
        self.G1, self.G2 = np.meshgrid(self.x1, self.x2)

        ax.set_xlim(self.x1[0], self.x1[-1])
        ax.set_ylim(self.x2[0], self.x2[-1])
        ax.set_zlim(*self.limits)
        ax.view_init(*view)
        ax.set_box_aspect((1, 1, 0.72), zoom=zoom)
        ax.computed_zorder = False  # the camera looks down: floor, then its border line, then the surface
        ax.set_xticks(_ends_and_zero(self.x1))
        ax.set_yticks(_ends_and_zero(self.x2))
        ax.set_zticks(_nice_ticks(lo, hi))
        ax.tick_params(pad=0, labelsize=9)
        if labels:
            ax.set_xlabel("input x1", labelpad=-4)
            ax.set_ylabel("input x2", labelpad=-4)
            ax.set_zlabel("output y", labelpad=-2)
        for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
            axis.set_pane_color((*to_rgb(theme.grid), 0.25))
            axis._axinfo["grid"].update(color=(*to_rgb(theme.grid), 0.6), linewidth=0.6)

        # Normals are taken in the drawn box's proportions so the light falls as the eye sees it.
        self._scale = np.array([1 / np.ptp(self.x1), 1 / np.ptp(self.x2), 0.72 / (hi - self.floor)])
        self._light = np.array([-0.45, 0.35, 0.82]) / np.linalg.norm([-0.45, 0.35, 0.82])
        verts, colors = self._faces(0)
        self.surface = Poly3DCollection(verts, facecolors=colors, linewidths=0, antialiaseds=False, zorder=3)
        ax.add_collection3d(self.surface)
        self.contours = []
        self.counter = draw_counter(ax, theme) if counter else None

    def _faces(self, i):
        """Quad vertices (n_quads, 4, 3) and their lit RGBA colours for draw i."""
        Z = self.Z[i]
        P = np.stack([self.G1, self.G2, Z], axis=-1)
        a, b, c, d = P[:-1, :-1], P[:-1, 1:], P[1:, 1:], P[1:, :-1]
        verts = np.stack([a, b, c, d], axis=2).reshape(-1, 4, 3)
        normal = np.cross((c - a) * self._scale, (d - b) * self._scale).reshape(-1, 3)
        normal /= np.linalg.norm(normal, axis=1, keepdims=True)
        normal *= np.sign(normal[:, 2:3] + 1e-12)  # every face seen from above
        light = 0.5 + 0.5 * np.clip(normal @ self._light, 0.0, 1.0)
        rgba = self.cmap(self.norm(verts[:, :, 2].mean(axis=1)))
        rgba[:, :3] *= light[:, None]
        return verts, rgba

    def dynamic(self) -> list:
        return [a for a in (self.surface, *self.contours, self.counter) if a is not None]

    def show(self, i: int):
        """Move the surface and the floor contours to draw i."""
        verts, colors = self._faces(i)
        self.surface.set_verts(verts)
        self.surface.set_facecolor(colors)
        for artist in self.contours:
            artist.remove()
        Z = self.Z[i]
        self.contours = [self.ax.contourf(self.G1, self.G2, Z, levels=self.levels, zdir="z", offset=self.floor,
                                          cmap=self.cmap, norm=self.norm, extend="both", zorder=1)]
        if Z.min() < self.threshold < Z.max():
            self.contours.append(self.ax.contour(self.G1, self.G2, Z, levels=[self.threshold], zdir="z",
                                                 offset=self.floor, colors=[self.theme.fg], linewidths=1.2,
                                                 zorder=2))
        if self.counter is not None:
            self.counter.set_text(f"draw {i + 1} of {self.n}")
        return self


def _ends_and_zero(g):
    ticks = [g[0], g[-1]]
    if g[0] < 0 < g[-1]:
        ticks.insert(1, 0.0)
    return [float(t) for t in ticks]


def _nice_ticks(lo, hi):
    """Two to four round ticks within [lo, hi]."""
    locator = MaxNLocator(nbins=3, steps=[1, 2, 2.5, 5, 10])
    return [float(t) for t in locator.tick_values(lo, hi) if lo - 1e-9 <= t <= hi + 1e-9]
