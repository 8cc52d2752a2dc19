"""Producing one figure: call its recipe per theme, then write every output file atomically.

Runs inside a worker process. Everything a recipe draws is kept in memory until the recipe
has finished for every theme, so a recipe that raises leaves no new file behind; a failed write
or encode (a full disk, a broken video: nnviz.render.mp4) removes the figure's files of both
palettes, and the build reports the figure as failed.
"""
from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from ..render.animate import SLIDE_MP4_OPTIONS, Animation, remove, write_animation
from ..render.save import atomic_write, figure_bytes
from ..render.theme import DARK, LIGHT, use
from ..render.measure import measure
from ..render.theme import slot as slot_named
from .context import FigureContext
from .registry import FigureSpec


class RecipeError(Exception):
    """A recipe returned something the build cannot save, or its caption does not fit its facts."""


def _call(spec: FigureSpec, theme, slides: bool = False):
    ctx = FigureContext(theme=theme, seed=spec.seed, params=dict(spec.params), slides=slides)
    with use(theme):
        result = spec.draw(ctx)
    expected = Animation if spec.kind == "anim" else Figure
    if not isinstance(result, expected):
        raise RecipeError(f"figure {spec.id!r} is declared kind={spec.kind!r} so its recipe must return "
                          f"a {expected.__name__}, but it returned {type(result).__name__}")
    return result, ctx.facts


def _slot_of(fig):
    """The display slot a recipe's figure was made for (`FigureContext.figure` marks it)."""
    return slot_named(getattr(fig, "nnviz_slot", "column"))


def _caption(spec: FigureSpec, facts: dict) -> str:
    try:
        return spec.caption.format(**facts)
    except (KeyError, IndexError) as exc:
        raise RecipeError(f"figure {spec.id!r}: caption placeholder {exc} has no matching ctx.fact(...)") from None


def produce(spec: FigureSpec, out: Path) -> dict:
    """Build `spec` into `out/<chapter>/` and return its manifest entry (without the hash)."""
    out = Path(out)
    stem = out / spec.chapter / spec.name
    rel = lambda p: Path(p).relative_to(out).as_posix()  # noqa: E731
    entry = {"id": spec.id, "chapter": spec.chapter, "name": spec.name, "kind": spec.kind,
             "alt": spec.alt, "seed": spec.seed}
    if spec.kind == "anim":
        # One palette's frames in memory at a time; a recipe that fails in the dark palette
        # takes back the light files it had written (no new file is left behind).
        anim, facts = _call(spec, LIGHT)
        # The GIF is a download for slides and documents: at CSS size, not the video's 2x.
        density = int(_slot_of(anim.fig).density)
        written = write_animation(anim, stem, gif_downscale=density)
        try:
            dark_anim, _ = _call(spec, DARK)
            # The dark twin, from the dark frames rendered once: the video and its poster for the
            # site's player, and the GIF for slides with a dark background.
            dark = write_animation(dark_anim, stem.with_name(f"{spec.name}.dark"), gif_downscale=density)
        except BaseException:
            remove(written["files"].values())
            raise
        files = {k: rel(v) for k, v in written["files"].items()}
        files.update({f"{k}_dark": rel(v) for k, v in dark["files"].items()})
        entry.update(files=files, frames=written["frames"], size=written["size"],
                     **{k: written[k] for k in ("fps", "clock", "labels", "repeats", "seconds", "motion_seconds",
                                                "poster_frame", "gif")}, gif_dark=dark["gif"])
        entry.update(measure(anim.fig, _slot_of(anim.fig)))
    else:
        formats = ("svg", "png") if spec.kind == "svg" else ("png",)
        pending, facts = {}, {}
        for theme in (LIGHT, DARK):
            fig, theme_facts = _call(spec, theme)
            facts = facts or theme_facts
            suffix = "" if theme is LIGHT else ".dark"
            for fmt in formats:
                key = fmt if theme is LIGHT else f"{fmt}_dark"
                pending[key] = (stem.with_name(f"{spec.name}{suffix}.{fmt}"), figure_bytes(fig, fmt))
            if theme is LIGHT:
                w, h = fig.get_size_inches() * fig.dpi
                entry["size"] = [int(round(w)), int(round(h))]
                entry.update(measure(fig, _slot_of(fig)))
        done = []
        try:
            for path, data in pending.values():
                done.append(atomic_write(path, data))
        except BaseException:  # a full disk: none of this figure's files, not some
            remove(done)
            raise
        entry["files"] = {key: rel(path) for key, (path, _) in pending.items()}
    entry["caption"] = _caption(spec, facts)
    entry["facts"] = dict(sorted(facts.items()))
    return entry


def produce_slides(spec: FigureSpec, out: Path) -> dict:
    """The 1280 x 720 slide variant of an animation, light and dark, into `out/<chapter>/`."""
    out = Path(out)
    files, size, frames = {}, None, None
    try:
        for theme in (LIGHT, DARK):
            anim, _ = _call(spec, theme, slides=True)
            written = write_animation(anim, out / spec.chapter / f"{spec.name}.{theme.name}",
                                      formats=("gif", "mp4"), mp4_options=SLIDE_MP4_OPTIONS)
            for fmt, path in written["files"].items():
                files[f"{fmt}_{theme.name}"] = Path(path).relative_to(out).as_posix()
            size, frames = written["size"], written["frames"]
            measured = measure(anim.fig, slot_named("slide"))  # the last frame, as the slide ends on it
    except BaseException:  # a failed dark pass takes back the light files: both palettes or neither
        remove(out / rel for rel in files.values())
        raise
    return {"id": spec.id, "files": files, "size": size, "frames": frames,
            "min_text_px": measured["min_text_px"], "smallest_text": measured["smallest_text"]}
