"""The design system's colours for the browser: both palettes of nnviz.render.theme, as data.

The explorables' scripts read every colour from here (window.nnvizExplorableTheme), never from
their own source: the class colours, the series, the diagram roles, and the colour maps as stops
that the page interpolates linearly in RGB, as matplotlib does.
"""
from __future__ import annotations

import json

import matplotlib as mpl
import numpy as np

from nnviz.render.theme import FONT, MIN_TEXT_PX, MINUS, THEMES, Theme

GLOBAL = "nnvizExplorableTheme"
SEQ_STOPS = 33  # samples of the sequential map (viridis): linear between them, within 1/255 of matplotlib


def _stops(cmap, n: int) -> list[str]:
    return [mpl.colors.to_hex(cmap(t)) for t in np.linspace(0.0, 1.0, n)]


def palette(theme: Theme) -> dict:
    """One palette as plain data: hex colours, and colour maps as lists of evenly spaced stops."""
    return {
        "name": theme.name,
        "bg": theme.bg, "fg": theme.fg, "muted": theme.muted, "grid": theme.grid, "accent": theme.accent,
        "classes": list(theme.classes),
        "series": list(theme.series),
        "ordered": theme.ordered(4),
        "roles": dict(theme.roles),
        "div": _stops(theme.cmap_div, 3),       # blue -> background -> orange: a 3-stop ramp
        "out": _stops(theme.cmap_out, 3),       # a neuron's signed output: purple -> background -> green
        "cls": _stops(theme.cmap_class, 3),
        "seq": _stops(mpl.colormaps[theme.cmap_seq], SEQ_STOPS),
    }


def script() -> str:
    """The text of docs/explorables/theme.js: both palettes, the type scale and the minus sign."""
    from nnviz.render.plots.images import PIXELS

    data = {"light": palette(THEMES["light"]), "dark": palette(THEMES["dark"]),
            "pixels": _stops(PIXELS, 2),  # 0 = white paper .. 255 = black ink, the same in both palettes
            "font": dict(FONT), "minText": MIN_TEXT_PX, "minus": MINUS}
    body = json.dumps(data, separators=(",", ":"), ensure_ascii=True)
    return ("/* nnviz design system for the explorables, from nnviz/render/theme.py (nnviz.explore.palette) */\n"
            f"window.{GLOBAL} = {body};\n")
