"""Producing one figure: call its recipe per theme, then write every output file atomically.

Runs inside a worker process. Everything a recipe draws is kept in memory until the recipe
has finished for every theme, so a recipe that raises leaves no new file behind; a failed write
or encode (a full disk, a broken video: nnviz.render.mp4) removes the figure's files of both
palettes, and the build reports the figure as failed.

A figure whose smallest text would show under `MIN_PHONE_TEXT_PX` on a phone (or that declares
`narrow=True`) also gets its narrow variant: the recipe called again with `ctx.narrow` in the
same process (its cached data and training runs are reused), in both palettes, written beside
the column files as `<name>.narrow[.dark].<ext>` and recorded under the entry's "narrow" key.
"""
from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from ..render.animate import SLIDE_MP4_OPTIONS, Animation, overflow, remove, write_animation
from ..render.save import atomic_write, figure_bytes
from ..render.theme import DARK, LIGHT, MIN_PHONE_TEXT_PX, use
from ..render.measure import measure, phone_text_px
from ..render.theme import slot as slot_named
from .context import FigureContext
from .registry import FigureSpec


class RecipeError(Exception):
    """A recipe returned something the build cannot save, or its caption does not fit its facts."""


def _call(spec: FigureSpec, theme, slides: bool = False, narrow: bool = False):
    ctx = FigureContext(theme=theme, seed=spec.seed, params=dict(spec.params), slides=slides, narrow=narrow)
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


def _still_files(spec: FigureSpec, fig, theme, stem: Path, variant: str, formats) -> dict:
    """{manifest key: (path, bytes)} of one palette of a still: png, svg; "_dark" keys in DARK."""
    suffix = variant + ("" if theme is LIGHT else ".dark")
    return {(fmt if theme is LIGHT else f"{fmt}_dark"): (stem.with_name(f"{spec.name}{suffix}.{fmt}"), figure_bytes(fig, fmt))
            for fmt in formats}


def _pixels(fig) -> list[int]:
    w, h = fig.get_size_inches() * fig.dpi
    return [int(round(w)), int(round(h))]


def needs_narrow(spec: FigureSpec, entry: dict) -> bool:
    """Does `spec` get a narrow variant? Its declaration (`narrow=True/False`) decides; by default
    (None) yes when its smallest text, `entry["min_text_px"]` at its CSS width, would show under
    MIN_PHONE_TEXT_PX in a phone's text column."""
    if spec.narrow is not None:
        return bool(spec.narrow)
    if entry.get("min_text_px") is None:
        return False
    css_width = entry["size"][0] / entry["px_per_css"]
    return phone_text_px(entry["min_text_px"], css_width) < MIN_PHONE_TEXT_PX


def _narrow_measure(fig) -> dict:
    """The narrow variant's "px_per_css" and "min_text_px" (the manifest's contract for it)."""
    measured = measure(fig, slot_named("narrow"))
    return {"px_per_css": measured["px_per_css"], "min_text_px": measured["min_text_px"]}


def _fits(spec: FigureSpec, fig) -> None:
    """RecipeError when a text of the narrow variant `fig` reaches outside it (drawn already)."""
    where = overflow(fig)
    if where:
        raise RecipeError(f"figure {spec.id!r}: in its narrow variant {where} reaches outside the figure: "
                          f"give it less text or more room when ctx.narrow, or declare narrow=False")


def _narrow_anim(spec: FigureSpec, stem: Path, column: dict, rel) -> dict:
    """Write the narrow variant of an animation (MP4 and poster per palette) and return its
    manifest record. Its frames and timing must be the column's: the player swaps one for the
    other at the same time."""
    made, narrow = [], None
    try:
        for theme in (LIGHT, DARK):
            anim, _ = _call(spec, theme, narrow=True)
            suffix = ".narrow" if theme is LIGHT else ".narrow.dark"
            with use(theme):
                written = write_animation(anim, stem.with_name(f"{spec.name}{suffix}"), formats=("mp4", "poster"))
            made += written["files"].values()
            if (written["frames"], written["repeats"]) != (column["frames"], column["repeats"]):
                raise RecipeError(f"figure {spec.id!r}: its narrow variant has {written['frames']} frames timed "
                                  f"differently from the column's {column['frames']}: the player swaps them at the "
                                  f"same time, so ctx.narrow may change the layout only")
            if theme is LIGHT:
                with use(theme):
                    narrow = {"size": written["size"], **_narrow_measure(anim.fig), "files": {}}
            narrow["files"].update({(k if theme is LIGHT else f"{k}_dark"): rel(v)
                                    for k, v in written["files"].items()})
    except BaseException:
        remove(made)
        raise
    return narrow


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
        with use(LIGHT):  # frames drawn with the theme's settings, as laid out (tick spacing follows the font)
            written = write_animation(anim, stem, gif_downscale=density)
        try:
            dark_anim, _ = _call(spec, DARK)
            # The dark twin, from the dark frames rendered once: the video and its poster for the
            # site's player, and the GIF for slides with a dark background.
            with use(DARK):
                dark = write_animation(dark_anim, stem.with_name(f"{spec.name}.dark"), gif_downscale=density)
        except BaseException:
            remove(written["files"].values())
            raise
        files = {k: rel(v) for k, v in written["files"].items()}
        files.update({f"{k}_dark": rel(v) for k, v in dark["files"].items()})
        entry.update(files=files, frames=written["frames"], size=written["size"],
                     **{k: written[k] for k in ("fps", "clock", "labels", "repeats", "seconds", "motion_seconds",
                                                "poster_frame", "gif")}, gif_dark=dark["gif"])
        with use(LIGHT):
            entry.update(measure(anim.fig, _slot_of(anim.fig)))
        if needs_narrow(spec, entry):
            try:
                entry["narrow"] = _narrow_anim(spec, stem, written, rel)
            except BaseException:
                remove([*written["files"].values(), *dark["files"].values()])
                raise
    else:
        formats = ("svg", "png") if spec.kind == "svg" else ("png",)
        pending, facts = {}, {}
        for theme in (LIGHT, DARK):
            fig, theme_facts = _call(spec, theme)
            facts = facts or theme_facts
            with use(theme):  # drawn with the theme's settings, as laid out (tick spacing follows the font)
                pending.update(_still_files(spec, fig, theme, stem, "", formats))
                if theme is LIGHT:
                    entry["size"] = _pixels(fig)
                    entry.update(measure(fig, _slot_of(fig)))
        narrow_pending = {}
        if needs_narrow(spec, entry):
            for theme in (LIGHT, DARK):
                fig, _ = _call(spec, theme, narrow=True)
                with use(theme):
                    narrow_pending.update(_still_files(spec, fig, theme, stem, ".narrow", formats))
                    _fits(spec, fig)
                    if theme is LIGHT:
                        narrow = {"size": _pixels(fig), **_narrow_measure(fig)}
        done = []
        try:
            for path, data in [*pending.values(), *narrow_pending.values()]:
                done.append(atomic_write(path, data))
        except BaseException:  # a full disk: none of this figure's files, not some
            remove(done)
            raise
        entry["files"] = {key: rel(path) for key, (path, _) in pending.items()}
        if narrow_pending:
            narrow["files"] = {key: rel(path) for key, (path, _) in narrow_pending.items()}
            entry["narrow"] = narrow
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
