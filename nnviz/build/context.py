"""What a figure recipe receives: the theme, a seeded generator, sizes, and a place for facts."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..render.theme import Theme

DEFAULT_FIGSIZE = (6.4, 4.0)  # inches; 640 x 400 px at 100 dpi, sides multiples of 16 for video
SLIDE_FIGSIZE = (1280 / 150, 720 / 150)  # 1280 x 720 px at 150 dpi
STATIC_DPI = 150  # still images are saved sharper than animation frames


@dataclass
class FigureContext:
    theme: Theme
    seed: int = 0
    params: dict = field(default_factory=dict)
    slides: bool = False
    facts: dict = field(default_factory=dict)

    def __post_init__(self):
        self.rng = np.random.default_rng(self.seed)

    @property
    def figsize(self) -> tuple[float, float]:
        return SLIDE_FIGSIZE if self.slides else DEFAULT_FIGSIZE

    @property
    def dpi(self) -> int:
        return 150 if self.slides else 100

    def figure(self, figsize=None) -> Figure:
        """A themed figure detached from pyplot (no global state, freed with the object).

        On slides the size is forced to 1280 x 720 px so every slide variant is 16:9.
        """
        size = self.figsize if (self.slides or figsize is None) else figsize
        fig = Figure(figsize=size, dpi=self.dpi, layout="constrained")
        FigureCanvasAgg(fig)  # an Agg canvas: pixels for animations, no GUI
        return fig

    def subplots(self, nrows=1, ncols=1, figsize=None, **kwargs):
        fig = self.figure(figsize)
        axes = fig.subplots(nrows, ncols, **kwargs)
        return fig, axes

    def fact(self, name: str, value, fmt: str = "{}"):
        """Publish a number for the page (`{{ fact(id, name) }}`) and the caption (`{name}`)."""
        text = fmt.format(value)
        self.facts[name] = text
        return value
