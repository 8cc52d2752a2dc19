"""The figure design system: display slots, type sizes, pixel density and one colour language.

Every figure is drawn for the place a reader sees it. A recipe asks for a *slot* (where the
figure is shown) instead of a size in inches, and the build turns that into pixels:

- ``column``: the text column of a chapter page, 688 CSS px wide (Material's content column at
  a 1280-px viewport, measured in Chromium);
- ``wide``: a figure allowed to use the content area beyond the text column, 928 CSS px (the
  column plus the table-of-contents sidebar it may cover; the CSS lets it break out);
- ``slide``: a 1280 x 720 image for a projector;
- ``narrow``: a phone held upright, 360 CSS px (Material's content column on a 390-px screen is
  358 px): the *narrow variant* of a page figure whose text would shrink below
  `MIN_PHONE_TEXT_PX` there. The build draws it from the same recipe (`FigureContext.narrow`)
  and the page shows it on narrow screens (`NARROW_MEDIA`).

Figures are laid out in *CSS pixels*: the matplotlib figure is ``width / 72`` inches wide, so
one typographic point is one CSS pixel at display size and a ``fontsize`` is the size a reader
sees. Rasters are rendered at `Slot.density` device pixels per CSS pixel (2 on the page, for
high-density screens; 1280/768 on slides, which are laid out 768 px wide and drawn 1280 px
wide, so the page's 12-px minimum becomes 20 px on a slide).

Colour language (written for readers on the "make your own figures" page):

- `Theme.classes`: categorical, colour-blind safe (Okabe & Ito, "Color Universal Design",
  2008), the same in every chapter: class 0 blue, class 1 orange, class 2 green, ...
- `Theme.cmap_div`: the one diverging map for signed values (weights, pre-activations, tanh
  outputs, errors): negative = class 0's blue, zero = the palette's background, positive =
  class 1's orange, so "high" and "class 1" always share a colour.
- `Theme.cmap_out`: the diverging map for a neuron's signed output (a tanh hidden unit's map
  over the plane): negative purple, zero = the background, positive green. Not the class
  pair: a hidden unit is a feature, not a classifier, so its map must not look like one.
- `Theme.cmap_seq`: sequential map for magnitudes (costs, distances): viridis.
- `Theme.series`: colours for things that are not classes (networks, optimisers, curves of
  a family); none of them is a class colour. `Theme.ordered(n)`: a purple ramp for series
  that have an order (networks by size).
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import matplotlib as mpl
import numpy as np
from matplotlib.colors import LinearSegmentedColormap

POINTS_PER_INCH = 72  # matplotlib's typographic unit: with a 72-dpi layout, 1 pt == 1 CSS px


@dataclass(frozen=True)
class Slot:
    """Where a figure is displayed.

    width, height: the layout size in CSS px (height None: the recipe chooses it).
    density: device pixels per CSS px in the rendered raster.
    min_text: the smallest text allowed, in CSS px at display size (on slides: in image px
    of the 1280 x 720 image, i.e. ``min_text_layout * density``).
    """

    name: str
    width: int
    height: int | None
    density: float
    min_text: float

    @property
    def dpi(self) -> float:
        """matplotlib dpi that renders one layout px as `density` image px."""
        return POINTS_PER_INCH * self.density

    def figsize(self, height: float | None = None, aspect: float | None = None,
                width: float | None = None) -> tuple[float, float]:
        """(width, height) in inches for a figure `width` CSS px wide (default and most: the slot's
        width) and `height` CSS px tall, or `aspect` = height / width.

        A page figure narrower than its slot is shown at its own width, centred. Raises
        ValueError when neither height nor aspect is given (and the slot has no fixed height),
        or for a width outside (0, slot width].
        """
        w = self.width if width is None or self.height is not None else float(width)
        if not 0 < w <= self.width:
            raise ValueError(f"slot {self.name!r}: width must be within (0, {self.width}] CSS px, got {width}")
        if self.height is not None:
            h = self.height
        elif height is not None:
            h = float(height)
        elif aspect is not None:
            h = w * float(aspect)
        else:
            raise ValueError(f"slot {self.name!r} needs a height (CSS px) or an aspect (height / width)")
        if h <= 0:
            raise ValueError(f"slot {self.name!r}: height must be positive, got {h}")
        return w / POINTS_PER_INCH, h / POINTS_PER_INCH


MIN_TEXT_PX = 12  # smallest text on the page, CSS px (ticks, legends, numbers in diagrams)
MIN_SLIDE_TEXT_PX = 20  # smallest text on a 1280 x 720 slide, image px
SLIDE_LAYOUT_WIDTH = 768  # slides are laid out 768 x 432 and drawn at 1280 x 720

NARROW_WIDTH = 360  # CSS px: the narrow variant's layout width
PHONE_WIDTH = 390  # CSS px: the screen width a phone layout is checked at (an iPhone 12-15 held upright)
PHONE_CONTENT_WIDTH = 358  # CSS px: Material's text column on that screen (16-px margins), measured in Chromium
MIN_PHONE_TEXT_PX = 11  # smallest text on a phone, CSS px as displayed; under it a figure needs a narrow variant
NARROW_MEDIA = "(max-width: 719px)"  # screens that show narrow variants: under 720 px a column figure's
# 12-px text shows at less than 11 px, from 720 px Material's column holds its 688 px

SLOTS = {
    "column": Slot("column", 688, None, 2.0, MIN_TEXT_PX),
    "wide": Slot("wide", 928, None, 2.0, MIN_TEXT_PX),
    "narrow": Slot("narrow", NARROW_WIDTH, None, 2.0, MIN_TEXT_PX),
    "slide": Slot("slide", SLIDE_LAYOUT_WIDTH, 432, 1280 / SLIDE_LAYOUT_WIDTH, MIN_SLIDE_TEXT_PX),
}

# Type scale in CSS px at display size. Nothing is drawn below FONT["small"].
FONT = {"small": 12, "tick": 12, "legend": 12, "annotation": 12, "body": 13, "label": 13,
        "title": 14, "headline": 16}


MINUS = "\u2212"  # U+2212, the minus sign matplotlib's tick labels use (axes.unicode_minus)


def number(value: float, fmt: str = "{:.2f}") -> str:
    """`value` formatted by `fmt` with a true minus sign, as in the tick labels beside it.

    A number written into a figure (a matrix cell, a diagram node) goes through matplotlib's
    plain text, which keeps the hyphen-minus of Python's formatting: "-0.52" next to ticks that
    read "−0.52", narrower and lower. Every hyphen becomes U+2212, exponents included."""
    return fmt.format(value).replace("-", MINUS)


def slot(name: str) -> Slot:
    """The slot called `name`; ValueError naming the known slots otherwise."""
    try:
        return SLOTS[name]
    except KeyError:
        raise ValueError(f"unknown figure slot {name!r}; use one of {', '.join(SLOTS)}") from None


@dataclass(frozen=True)
class Theme:
    name: str
    bg: str
    fg: str
    muted: str
    grid: str
    accent: str
    classes: tuple[str, ...]
    series: tuple[str, ...] = ()
    roles: dict = field(default_factory=dict)  # diagram node fills: input / hidden / hidden2 (a second hidden
    # layer, where layers are told apart) / output / bias
    cmap_div: object = None  # diverging, centred at 0: negative = classes[0], 0 = bg, positive = classes[1]
    cmap_seq: str = "viridis"  # sequential (magnitudes: costs, distances)
    cmap_class: object = None  # P(class 1) from 0 to 1: classes[0] -> bg -> classes[1]
    cmap_out: object = None  # a neuron's signed output, -1 .. +1: purple -> bg -> green (no class colour)

    def ordered(self, n: int) -> list[str]:
        """`n` colours for an ordered series (e.g. networks by size), light to strong.

        A purple ramp, apart from every class colour; stronger means "more" in both palettes
        (darker on light, lighter on dark). Raises ValueError for n < 1.
        """
        if n < 1:
            raise ValueError(f"ordered(n) needs n >= 1, got {n}")
        ramp = mpl.colormaps["Purples"]
        stops = np.linspace(0.4, 1.0, n) if self.name == "light" else np.linspace(0.55, 0.05, n)
        return [mpl.colors.to_hex(ramp(t)) for t in stops]

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
            "axes.prop_cycle": mpl.cycler(color=list(self.series or self.classes)),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": False,
            "font.family": "DejaVu Sans",
            "font.size": FONT["body"],
            "axes.titlesize": FONT["title"],
            "axes.labelsize": FONT["label"],
            "xtick.labelsize": FONT["tick"],
            "ytick.labelsize": FONT["tick"],
            "legend.fontsize": FONT["legend"],
            "legend.title_fontsize": FONT["legend"],
            "figure.titlesize": FONT["headline"],
            "figure.dpi": POINTS_PER_INCH * 2,
            "savefig.dpi": "figure",
            "svg.hashsalt": "nnviz",
            "svg.fonttype": "path",
            "path.simplify": True,
            "image.cmap": self.cmap_seq,
            "lines.linewidth": 2.0,
            "axes.formatter.useoffset": False,  # no bare "1e-11" offsets: ticks say what they are
        }


def _ramp(name: str, *colours: str) -> LinearSegmentedColormap:
    return LinearSegmentedColormap.from_list(name, list(colours))


# Okabe & Ito's colour-blind safe set; on dark, lighter tints of the same hues.
_LIGHT_CLASSES = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9")
_DARK_CLASSES = ("#5aa9e6", "#f5b841", "#3ccf9b", "#e59cc7", "#a3d5f5")

LIGHT = Theme(
    name="light",
    bg="#ffffff",
    fg="#1f2328",
    muted="#57606a",
    grid="#d0d7de",
    accent="#3f51b5",  # Material indigo, the site's primary colour
    classes=_LIGHT_CLASSES,
    series=("#6a3d9a", "#a50f15", "#4d4d4d", "#8c564b", "#808000"),  # purple, crimson, grey, brown, olive
    roles={"input": "#dfe3f5", "hidden": "#f1ecf7", "hidden2": "#f9e3ec", "output": "#e3f1ea", "bias": "#eeeeee",
           "edge": "#8c959f"},
    cmap_div=_ramp("nnviz_div_light", _LIGHT_CLASSES[0], "#ffffff", _LIGHT_CLASSES[1]),
    cmap_seq="viridis",
    cmap_class=_ramp("nnviz_class_light", _LIGHT_CLASSES[0], "#ffffff", _LIGHT_CLASSES[1]),
    # purple and yellow-green (ColorBrewer PRGn / PiYG ends, colorbrewer2.org): far from every class colour
    cmap_out=_ramp("nnviz_out_light", "#762a83", "#ffffff", "#4d9221"),
)

DARK = Theme(
    name="dark",
    bg="#1e2129",  # Material slate background
    fg="#e3e6eb",
    muted="#a9b1ba",
    grid="#3a3f4b",
    accent="#8c9eff",
    classes=_DARK_CLASSES,
    series=("#c3a6f5", "#ff6f6f", "#c8c8c8", "#d9a88f", "#c0c070"),
    roles={"input": "#2c3a5c", "hidden": "#3b3350", "hidden2": "#4f2f40", "output": "#24483a", "bias": "#3a3f4b",
           "edge": "#7d8590"},
    cmap_div=_ramp("nnviz_div_dark", _DARK_CLASSES[0], "#1e2129", _DARK_CLASSES[1]),
    cmap_seq="viridis",
    cmap_class=_ramp("nnviz_class_dark", _DARK_CLASSES[0], "#1e2129", _DARK_CLASSES[1]),
    cmap_out=_ramp("nnviz_out_dark", "#9f86e8", "#1e2129", "#a6d96a"),
)

THEMES = {"light": LIGHT, "dark": DARK}


@contextlib.contextmanager
def use(theme: Theme):
    """Draw inside `theme`'s matplotlib defaults, restoring the previous ones afterwards."""
    with mpl.rc_context(theme.rc):
        yield theme
