"""Fast frames: what never changes is drawn once, as the figure's backdrop.

An animation of a family changes a few artists per frame (a curve, a surface, a counter);
axes, ticks, labels, titles and legends stay put. `freeze_static(fig, *plots)` draws those
once into a picture behind everything, so each frame draws only the moving parts
(`plot.dynamic()` of the family helpers in `families` and `surfaces`).
"""
from __future__ import annotations

import numpy as np
from matplotlib.artist import Artist

from nnviz.render.animate import freeze_layout

__all__ = ["freeze_static"]


def freeze_static(fig, *plots, extra=()):
    """Draw what never changes once, as the figure's backdrop; frames then draw only the moving parts.

    `plots` are family helpers (their `dynamic()` lists the artists `show` changes or re-creates);
    `extra` adds other moving artists. The layout is frozen first, so nothing moves afterwards.
    Artists a `show` call creates later (new contours) are visible as usual and drawn on top of
    the backdrop. Call it after the first `show`, before the frames are captured.
    """
    freeze_layout(fig)
    dynamic = {a for p in plots for a in p.dynamic()} | set(extra)
    for artist in dynamic:
        artist.set_visible(False)
    fig.canvas.draw()
    backdrop = np.asarray(fig.canvas.buffer_rgba()).copy()
    for artist in dynamic:
        artist.set_visible(True)
    for ax in fig.axes:
        ax.set_axis_off()  # frame, ticks, labels and (in 3-D) panes live in the backdrop now
        for child in ax.get_children():
            if child not in dynamic:
                child.set_visible(False)
    for artist in [*fig.texts, *fig.legends, *fig.images, *fig.artists]:
        if artist not in dynamic:
            artist.set_visible(False)
    if fig._suptitle is not None and fig._suptitle not in dynamic:
        fig._suptitle.set_visible(False)
    fig.add_artist(_Backdrop(backdrop))
    return fig


class _Backdrop(Artist):
    """A picture of the whole canvas, copied to it pixel for pixel before anything else is drawn.

    (`figimage` would do, but it resamples and masks its array on every draw; this costs a copy.)
    """

    def __init__(self, rgba):
        super().__init__()
        self._rgba = np.ascontiguousarray(rgba[::-1])  # Agg's images are stored bottom row first
        self.set_zorder(-100)

    def draw(self, renderer):
        if not self.get_visible():
            return
        gc = renderer.new_gc()
        renderer.draw_image(gc, 0, 0, self._rgba)
        gc.restore()
