"""Measuring a drawn figure as a reader sees it: its smallest text and its pixel density.

The build records both in the manifest for every figure, and the tests hold them against the
design system's limits (`nnviz.render.theme.MIN_TEXT_PX`, `Slot.density`). A text's size on
screen is its font size in points times the ratio of display width to layout width: with the
design system's 72-dpi layout one point is one CSS px when the figure fills its slot.
"""
from __future__ import annotations

from dataclasses import dataclass

from .theme import PHONE_CONTENT_WIDTH, POINTS_PER_INCH, Slot


@dataclass(frozen=True)
class TextSize:
    """One visible text: its string, its size in CSS px at display size."""

    text: str
    px: float


def drawn_texts(fig) -> list[tuple[str, float]]:
    """(string, size in points) of every text the renderer actually draws on `fig`'s canvas.

    Measured at the renderer rather than by walking artists, so hidden axes, clipped or
    transparent labels and texts outside the canvas are left out, and tick labels, legends,
    offsets and 3-D axis labels are all caught.
    """
    from matplotlib.backends.backend_agg import RendererAgg

    drawn = []
    original = RendererAgg.draw_text
    width, height = fig.canvas.get_width_height(physical=True)

    def recording(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        alpha = gc.get_alpha()
        inside = -1 <= x <= width + 1 and -1 <= y <= height + 1
        if s.strip() and inside and (alpha is None or alpha > 0):
            drawn.append((s, float(prop.get_size_in_points())))
        return original(self, gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    RendererAgg.draw_text = recording
    try:
        fig.canvas.draw()
    finally:
        RendererAgg.draw_text = original
    return drawn


def text_sizes(fig, display_width: float) -> list[TextSize]:
    """Every visible text's size in CSS px when `fig` is shown `display_width` CSS px wide."""
    scale = display_width / (fig.get_figwidth() * POINTS_PER_INCH)
    return sorted((TextSize(text, size * scale) for text, size in drawn_texts(fig)), key=lambda s: s.px)


def measure(fig, slot: Slot) -> dict:
    """{"slot", "min_text_px", "smallest_text", "px_per_css"} for `fig` displayed in `slot`.

    A page figure is shown at its layout width (at most its slot's width: 1 pt == 1 CSS px);
    a slide at `slot.density` image px per layout px, so sizes there are in image px of the
    1280 x 720 frame. `min_text_px` is None for a figure without text.
    """
    layout = fig.get_figwidth() * POINTS_PER_INCH
    display = layout * slot.density if slot.name == "slide" else min(layout, slot.width)
    sizes = text_sizes(fig, display)
    smallest = sizes[0] if sizes else None
    px_per_css = fig.get_figwidth() * fig.dpi / display
    return {
        "slot": slot.name,
        "min_text_px": round(smallest.px, 2) if smallest else None,
        "smallest_text": smallest.text[:40] if smallest else None,
        "px_per_css": round(px_per_css, 3),
    }


def phone_text_px(min_text_px: float, css_width: float, content_width: float = PHONE_CONTENT_WIDTH) -> float:
    """The smallest text, in CSS px, of a figure designed `css_width` CSS px wide with smallest text
    `min_text_px` at that width, once shown in a phone's text column (`content_width` CSS px): a
    picture is never shown wider than its design width nor than the column."""
    return min_text_px * min(css_width, content_width) / css_width
