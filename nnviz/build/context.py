"""What a figure recipe receives: the theme, a seeded generator, a display slot, and a place for facts.

A recipe asks for a slot (`ctx.figure(slot="column", height=300)`) rather than a size in
inches: the design system (`nnviz.render.theme`) turns it into a figure laid out in CSS px
(1 pt == 1 CSS px) and rendered at the slot's pixel density. On slides every figure is forced
into the 1280 x 720 slide slot, whatever the recipe asked.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..render.theme import POINTS_PER_INCH, Slot, Theme, slot as slot_named

DEFAULT_ASPECT = 0.625  # height / width when a recipe gives neither a height nor an aspect
SLIDE_PAD = 10  # layout px (17 px of the 1280 x 720 image) between a slide's top and bottom edges and its text


@dataclass
class FigureContext:
    theme: Theme
    seed: int = 0
    params: dict = field(default_factory=dict)
    slides: bool = False
    facts: dict = field(default_factory=dict)
    slot: Slot | None = None  # the slot of the last figure the recipe asked for

    def __post_init__(self):
        self.rng = np.random.default_rng(self.seed)

    def figure(self, figsize=None, *, slot: str = "column", height: float | None = None,
               aspect: float | None = None, width: float | None = None) -> Figure:
        """A themed figure for display `slot`, detached from pyplot (no global state).

        height, width: CSS px at display size (width defaults to the slot's: a narrower figure is
        shown at its own width, centred); aspect: height / width. `figsize` (inches) is accepted
        for older recipes and read as an aspect only: the width always comes from the slot.
        Raises ValueError for an unknown slot or a non-positive size.
        """
        if figsize is not None and height is None and aspect is None:
            w, h = figsize
            if w <= 0 or h <= 0:
                raise ValueError(f"figsize must be positive, got {figsize!r}")
            aspect = h / w
        if height is None and aspect is None:
            aspect = DEFAULT_ASPECT
        chosen = slot_named("slide") if self.slides else slot_named(slot)
        self.slot = chosen
        fig = Figure(figsize=chosen.figsize(height, aspect, width), dpi=chosen.dpi, layout="constrained")
        FigureCanvasAgg(fig)  # an Agg canvas: pixels for animations, no GUI
        fig.nnviz_slot = chosen.name
        if self.slides:  # a projector may crop the frame's edges: text keeps SLIDE_PAD px clear of them
            fig.get_layout_engine().set(h_pad=SLIDE_PAD / POINTS_PER_INCH)  # also between panels: a little more air
        return fig

    def subplots(self, nrows=1, ncols=1, figsize=None, *, slot: str = "column", height: float | None = None,
                 aspect: float | None = None, width: float | None = None, **kwargs):
        fig = self.figure(figsize, slot=slot, height=height, aspect=aspect, width=width)
        axes = fig.subplots(nrows, ncols, **kwargs)
        return fig, axes

    def fact(self, name: str, value, fmt: str = "{}"):
        """Publish a number for the page (`{{ fact(id, name) }}`) and the caption (`{name}`)."""
        text = fmt.format(value)
        self.facts[name] = text
        return value


def layout_width(fig) -> float:
    """The figure's width in layout (CSS) px."""
    return float(fig.get_figwidth()) * POINTS_PER_INCH
