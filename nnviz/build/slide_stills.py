"""The 1280 x 720 slide variant of a still figure (png or svg kind), light and dark, as PNG.

The teacher's decks (nnviz.teach) show every figure of a chapter at slide size: animations as
their slide GIFs (nnviz.build.produce.produce_slides), stills as these PNGs. The recipe is
called with `slides=True`, so `ctx.figure` lays it out in the 768 x 432 slide slot drawn at
1280 x 720, where the page's 12-px minimum type becomes 20 image px. Both palettes are drawn
before anything is written, so a recipe that fails leaves no new file.
"""
from __future__ import annotations

from pathlib import Path

from ..render.measure import measure
from ..render.save import atomic_write, figure_bytes
from ..render.theme import DARK, LIGHT
from ..render.theme import slot as slot_named
from .produce import _call
from .registry import FigureSpec


def produce_slide_still(spec: FigureSpec, out: Path) -> dict:
    """Write `out/<chapter>/<name>.light.png` and `.dark.png`; return the slides manifest entry
    {"id", "kind", "files": {"png_light", "png_dark"}, "size": [w, h] image px, "min_text_px",
    "smallest_text"} (sizes in image px of the slide). Raises what the recipe raises."""
    out = Path(out)
    pending, size, measured = {}, None, {}
    for theme in (LIGHT, DARK):
        fig, _ = _call(spec, theme, slides=True)
        if theme is LIGHT:
            w, h = fig.get_size_inches() * fig.dpi
            size = [int(round(w)), int(round(h))]
            measured = measure(fig, slot_named("slide"))
        path = out / spec.chapter / f"{spec.name}.{theme.name}.png"
        pending[f"png_{theme.name}"] = (path, figure_bytes(fig, "png"))
    files = {key: atomic_write(path, data).relative_to(out).as_posix() for key, (path, data) in pending.items()}
    return {"id": spec.id, "kind": spec.kind, "files": files, "size": size,
            "min_text_px": measured["min_text_px"], "smallest_text": measured["smallest_text"]}
