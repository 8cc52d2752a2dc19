"""Light and dark themes, matched to the site's Material palettes.

Every figure is drawn twice, once per theme, so colours are never hard-coded in a figure
script: they come from the `Theme` the build hands over, and matplotlib's defaults come
from the style dictionary applied around the drawing call.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import matplotlib as mpl
from matplotlib.colors import LinearSegmentedColormap


@dataclass(frozen=True)
class Theme:
    name: str
    bg: str
    fg: str
    muted: str
    grid: str
    accent: str
    classes: tuple[str, ...]
    roles: dict = field(default_factory=dict)  # diagram node fills: input / hidden / output / bias
    cmap_div: object = None  # diverging, centred at 0 (weights, signed values)
    cmap_seq: str = "viridis"  # sequential (probabilities, activations)

    @property
    def rc(self) -> dict:
        """matplotlib rcParams for this theme; fixed so rebuilds are byte-identical."""
        return {
            "figure.facecolor": self.bg,
            "axes.facecolor": self.bg,
            "savefig.facecolor": self.bg,
            "savefig.edgecolor": self.bg,
            "text.color": self.fg,
            "axes.labelcolor": self.fg,
            "axes.edgecolor": self.muted,
            "axes.titlecolor": self.fg,
            "xtick.color": self.muted,
            "ytick.color": self.muted,
            "xtick.labelcolor": self.fg,
            "ytick.labelcolor": self.fg,
            "grid.color": self.grid,
            "legend.facecolor": self.bg,
            "legend.edgecolor": self.grid,
            "legend.labelcolor": self.fg,
            "axes.prop_cycle": mpl.cycler(color=list(self.classes)),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": False,
            "font.family": "DejaVu Sans",
            "font.size": 11,
            "axes.titlesize": 12,
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "svg.hashsalt": "nnviz",
            "svg.fonttype": "path",
            "path.simplify": True,
            "image.cmap": self.cmap_seq,
            "lines.linewidth": 2.0,
        }


def _diverging(name: str, neg: str, mid: str, pos: str) -> LinearSegmentedColormap:
    return LinearSegmentedColormap.from_list(name, [neg, mid, pos])


LIGHT = Theme(
    name="light",
    bg="#ffffff",
    fg="#1f2328",
    muted="#6e7781",
    grid="#d0d7de",
    accent="#3f51b5",  # Material indigo, the site's primary colour
    classes=("#3f51b5", "#e8710a", "#2e9e5b", "#c2185b", "#7b1fa2"),
    roles={"input": "#c5cae9", "hidden": "#ffe0b2", "output": "#c8e6c9", "bias": "#eeeeee", "edge": "#9aa0a6"},
    cmap_div=_diverging("nnviz_div_light", "#c62828", "#f5f5f5", "#1565c0"),
    cmap_seq="viridis",
)

DARK = Theme(
    name="dark",
    bg="#1e2129",  # Material slate background
    fg="#e3e6eb",
    muted="#9aa3ad",
    grid="#3a3f4b",
    accent="#8c9eff",
    classes=("#8c9eff", "#ffab40", "#69f0ae", "#ff80ab", "#ea80fc"),
    roles={"input": "#3949ab", "hidden": "#8d5a00", "output": "#2e7d32", "bias": "#4a4f5a", "edge": "#6b7280"},
    cmap_div=_diverging("nnviz_div_dark", "#ef5350", "#2b2f3a", "#42a5f5"),
    cmap_seq="viridis",
)

THEMES = {"light": LIGHT, "dark": DARK}


@contextlib.contextmanager
def use(theme: Theme):
    """Draw inside `theme`'s matplotlib defaults, restoring the previous ones afterwards."""
    with mpl.rc_context(theme.rc):
        yield theme
