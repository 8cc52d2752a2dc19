"""What a figure recipe receives: the theme, a seeded generator, a display slot, and a place for facts.

A recipe asks for a slot (`ctx.figure(slot="column", height=300)`) rather than a size in
inches: the design system (`nnviz.render.theme`) turns it into a figure laid out in CSS px
(1 pt == 1 CSS px) and rendered at the slot's pixel density. On slides every figure is forced
into the 1280 x 720 slide slot, whatever the recipe asked.

The narrow variant (a phone held upright) is the same recipe called again with `narrow=True`:
every figure it asks for is put in the 360-px `narrow` slot, a row of panels from `subplots` is
stacked into a column, and heights shrink by NARROW_HEIGHT (a panel 360 px wide needs less
height than one 688 px wide). A recipe reads `ctx.narrow` (or `ctx.pick(column, narrow)`) for
the rest: fewer ticks, shorter labels, a legend below. Data comes from the recipe's cached
helpers, so every variant and palette of a figure shares one computation.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..render.theme import POINTS_PER_INCH, Slot, Theme, slot as slot_named

DEFAULT_ASPECT = 0.625  # height / width when a recipe gives neither a height nor an aspect
NARROW_HEIGHT = 0.8  # a panel's height in the narrow variant, as a share of its height in the column
SLIDE_PAD = 10  # layout px (17 px of the 1280 x 720 image) between a slide's top and bottom edges and its text


@dataclass
class FigureContext:
    theme: Theme
    seed: int = 0
    params: dict = field(default_factory=dict)
    slides: bool = False
    narrow: bool = False  # drawing the narrow (phone) variant: see the module docstring
    facts: dict = field(default_factory=dict)
    slot: Slot | None = None  # the slot of the last figure the recipe asked for

    def __post_init__(self):
        self.rng = np.random.default_rng(self.seed)

    def figure(self, figsize=None, *, slot: str = "column", height: float | None = None,
               aspect: float | None = None, width: float | None = None,
               narrow_height: float | None = None) -> Figure:
        """A themed figure for display `slot`, detached from pyplot (no global state).

        height, width: CSS px at display size (width defaults to the slot's: a narrower figure is
        shown at its own width, centred); aspect: height / width. `figsize` (inches) is accepted
        for older recipes and read as an aspect only: the width always comes from the slot.
        narrow_height: the height in the narrow variant (default: NARROW_HEIGHT of the column's,
        times the panels `subplots` stacked). Raises ValueError for an unknown slot or a
        non-positive size.
        """
        if figsize is not None and height is None and aspect is None:
            w, h = figsize
            if w <= 0 or h <= 0:
                raise ValueError(f"figsize must be positive, got {figsize!r}")
            aspect = h / w
        if height is None and aspect is None:
            aspect = DEFAULT_ASPECT
        chosen = slot_named("slide") if self.slides else slot_named(slot)
        if self.narrow and not self.slides:
            # The panel keeps its height (not its aspect): at a fifth of the column's width a
            # plot of the same aspect would be too flat to read.
            asked = slot_named(slot)
            w_in, h_in = asked.figsize(height, aspect, width)
            chosen = slot_named("narrow")
            width = min(w_in * POINTS_PER_INCH, chosen.width)
            height = narrow_height or h_in * POINTS_PER_INCH * NARROW_HEIGHT * self._stack
            aspect = None
        self.slot = chosen
        fig = Figure(figsize=chosen.figsize(height, aspect, width), dpi=chosen.dpi, layout="constrained")
        FigureCanvasAgg(fig)  # an Agg canvas: pixels for animations, no GUI
        fig.nnviz_slot = chosen.name
        if self.slides:  # a projector may crop the frame's edges: text keeps SLIDE_PAD px clear of them
            fig.get_layout_engine().set(h_pad=SLIDE_PAD / POINTS_PER_INCH)  # also between panels: a little more air
        return fig

    def subplots(self, nrows=1, ncols=1, figsize=None, *, slot: str = "column", height: float | None = None,
                 aspect: float | None = None, width: float | None = None, narrow_height: float | None = None,
                 **kwargs):
        """A figure and its axes, as `Figure.subplots`. In the narrow variant a row of panels
        (nrows == 1) is stacked into a column, each panel NARROW_HEIGHT of its column height; the
        axes come back in the same order and shape (a 1-D array of ncols), so the recipe is unchanged."""
        stack = self.narrow and not self.slides and nrows == 1 and ncols > 1
        self._stack = ncols if stack else 1
        try:
            fig = self.figure(figsize, slot=slot, height=height, aspect=aspect, width=width,
                              narrow_height=narrow_height)
        finally:
            self._stack = 1
        if stack:
            kwargs = {k: v for k, v in kwargs.items() if k not in ("width_ratios", "height_ratios")}
            axes = fig.subplots(ncols, 1, **kwargs)
            return fig, axes
        axes = fig.subplots(nrows, ncols, **kwargs)
        return fig, axes

    def side_by_side(self, fig, n: int, width_ratios=None, height_ratios=None) -> list:
        """`n` subfigures of `fig` side by side (`width_ratios`), or, in the narrow variant, stacked
        top to bottom (`height_ratios`); a list in reading order either way."""
        if self.narrow and not self.slides:
            return list(fig.subfigures(n, 1, height_ratios=height_ratios))
        return list(fig.subfigures(1, n, width_ratios=width_ratios))

    def wrap(self, text: str, fontsize: float = 13, lines: int = 1, width: float | None = None) -> str:
        """`text` unchanged in the column; in the narrow variant broken into lines that fit `width`
        CSS px (default: the narrow slot's, less a margin) at `fontsize`, estimating 0.6 em a
        character and keeping a $math$ group whole, then padded with empty lines to at least `lines`,
        so that the frames of an animation with a fixed layout keep one height."""
        if not (self.narrow and not self.slides):
            return text
        import re

        room = (width or slot_named("narrow").width - 16) / (0.6 * fontsize)  # characters a line
        out = []
        for part in re.split(r" {3,}", text):  # wide gaps separate the items of a key: a line each
            line = ""
            for word in re.findall(r"(?:\S*\$[^$]*\$\S*)+|\S+", part):
                shown = len(re.sub(r"[${}_^]|\\[,;!]", "", re.sub(r"\\[a-zA-Z]+", "x", word))) if "$" in word \
                    else len(word)
                if line and len(line) + 1 + shown > room:
                    out.append(line)
                    line = word
                else:
                    line = f"{line} {word}" if line else word
            out.append(line)
        out += [""] * (lines - len(out))
        return "\n".join(out)

    def keep_wrapped(self, text, lines: int = 1):
        """Make the matplotlib Text `text` wrap whatever it is set to (`wrap`, at its font size,
        padded to `lines` lines) in the narrow variant; returns it. For titles and narrations of
        animations that change every frame."""
        if self.narrow and not self.slides:
            set_text = text.set_text
            text.set_text = lambda s: set_text(self.wrap(s, text.get_fontsize(), lines))
            text.set_text(text.get_text())
        return text

    def pick(self, column, narrow):
        """`narrow` in the narrow variant, `column` otherwise (also on slides)."""
        return narrow if self.narrow and not self.slides else column

    _stack = 1  # panels stacked by `subplots` in the narrow variant (the figure's height multiplies)

    def fact(self, name: str, value, fmt: str = "{}"):
        """Publish a number for the page (`{{ fact(id, name) }}`) and the caption (`{name}`)."""
        text = fmt.format(value)
        self.facts[name] = text
        return value


def layout_width(fig) -> float:
    """The figure's width in layout (CSS) px."""
    return float(fig.get_figwidth()) * POINTS_PER_INCH
