"""Page macros: `{{ figure(...) }}`, `{{ fact(...) }}` and `{{ gallery() }}`, expanded from the manifest.

Pure text in, text out: no MkDocs, no file system (a `file_exists` callable is passed in).
The mkdocs hook (`nnviz.site.hooks`) feeds it each page's Markdown.

    {{ figure("one-neuron/gaussian-pdf") }}            light + dark images, caption below
    {{ figure("one-neuron/one-neuron-fit") }}          anim: the player (player.js), poster, GIF/MP4 links
    {{ figure("random-families/tanh-1-1", as="gif") }} anim shown as its GIF (light and dark twins)
    {{ fact("one-neuron/one-neuron-vs-reference", "max_gap") }}
    {{ gallery() }}                                    every figure, grouped by chapter, in reading order
    {{ source() }}                                     the article under this chapter (nnviz.site.sources)
    {{ article() }}                                    the same article named in running text
    {{ sources() }}                                    all the chapters' articles, as a list

`figure` and `gallery` are blocks: write them on a line of their own (`figure` may be indented,
inside an admonition or a list; `gallery` must start at the margin). `fact` works anywhere in text.
Macros inside fenced code blocks and inline code spans are left alone, so pages can show them.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..render.theme import NARROW_MEDIA
from .macro_syntax import MACRO, MacroError, code_regions, has_macros, parse_call
from .sources import SOURCES, chapter_source

__all__ = ["MacroError", "Manifest", "Chapter", "RecipeLink", "expand", "has_macros", "parse_call", "figures_url_for"]


# ---------------------------------------------------------------- manifest


class Manifest:
    """The figures of docs/figures/manifest.json, looked up by id."""

    def __init__(self, data: dict):
        figures = data.get("figures") if isinstance(data, dict) else None
        if not isinstance(figures, list):
            raise MacroError('manifest: expected {"figures": [...]} at the top level')
        self.figures: list[dict] = figures
        self.by_id: dict[str, dict] = {f["id"]: f for f in figures}

    @classmethod
    def load(cls, path: str | Path) -> "Manifest":
        with open(path, encoding="utf-8") as fh:
            return cls(json.load(fh))

    def figure(self, fig_id: str) -> dict:
        try:
            return self.by_id[fig_id]
        except KeyError:
            raise MacroError(f"unknown figure id {fig_id!r} (not in docs/figures/manifest.json)") from None

    def fact(self, fig_id: str, key: str) -> str:
        facts = self.figure(fig_id).get("facts") or {}
        if key not in facts:
            known = ", ".join(sorted(facts)) or "none"
            raise MacroError(f"figure {fig_id!r} has no fact {key!r} (known: {known})")
        return str(facts[key])


@dataclass(frozen=True)
class RecipeLink:
    """Where the gallery links a figure's recipe: a page (source path, e.g. 'recipes/stairs.md'),
    an anchor on it, and what the link says ('figures_src/stairs.py, line 40')."""

    page: str
    anchor: str
    label: str


@dataclass(frozen=True)
class Chapter:
    """How the gallery names a chapter and where its page is (None: no page to link)."""

    title: str
    page: str | None = None


# ---------------------------------------------------------------- rendering helpers

_LABELS = {
    "png": "PNG", "png_dark": "PNG (dark)", "svg": "SVG", "svg_dark": "SVG (dark)",
    "gif": "GIF", "mp4": "MP4", "poster": "PNG (poster)",
    "mp4_dark": "MP4 (dark)", "poster_dark": "PNG (poster, dark)", "gif_dark": "GIF (dark)",
}


def _label(key: str, path: str, prefix: str = "") -> str:
    if not prefix and key in _LABELS:
        return _LABELS[key]
    ext = posixpath.splitext(path)[1].lstrip(".").upper() or key.upper()
    dark = " (dark)" if "dark" in key.lower() or ".dark." in path else ""
    return f"{prefix}{ext}{dark}"


def _alt(text: str) -> str:
    """Alt text safe inside Markdown's ![...]."""
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _caption(text: str) -> str:
    return " ".join(str(text).split())


def _url(figures_url: str, rel: str) -> str:
    return posixpath.join(figures_url, rel)


def _size_attrs(entry: dict) -> str:
    size = entry.get("size")
    if isinstance(size, (list, tuple)) and len(size) == 2:
        return f' width="{int(size[0])}" height="{int(size[1])}"'
    return ""


# Rasters are drawn at 2 device px per CSS px (issue 13); used when a manifest entry has no px_per_css.
DEFAULT_PX_PER_CSS = 2.0
SLOTS = ("column", "wide", "slide")  # display slots of nnviz.render.theme; "wide" may leave the text column


def css_size(entry: dict) -> tuple[int, int] | None:
    """An image's size on the page in CSS px: the manifest's `size` [w, h] (image px) divided by
    its `px_per_css` (DEFAULT_PX_PER_CSS when absent), rounded; None when the entry has no size.

    Raises MacroError on a px_per_css that is not a positive number."""
    size = entry.get("size")
    if not (isinstance(size, (list, tuple)) and len(size) == 2):
        return None
    ppc = entry.get("px_per_css", DEFAULT_PX_PER_CSS)
    if isinstance(ppc, bool) or not isinstance(ppc, (int, float)) or not ppc > 0:
        raise MacroError(f"figure {entry.get('id')!r}: px_per_css must be a positive number, got {ppc!r}")
    return max(1, round(size[0] / ppc)), max(1, round(size[1] / ppc))


def _img_attrs(entry: dict) -> str:
    """attr_list attributes of a figure's images: lazy, with its CSS size so nothing shifts while loading."""
    size = css_size(entry)
    return 'loading="lazy"' + (f' width="{size[0]}" height="{size[1]}"' if size else "")


def _slot_class(entry: dict) -> str:
    """' nnviz-wide' for a figure whose slot is "wide" (its CSS lets it leave the text column), else ''."""
    slot = entry.get("slot", "column")
    if slot not in SLOTS:
        raise MacroError(f"figure {entry.get('id')!r}: slot {slot!r} is not one of {', '.join(SLOTS)}")
    return " nnviz-wide" if slot == "wide" else ""


def _caption_block(text: str, classes: str, anchor: str | None = None) -> list[str]:
    """A pymdownx.blocks.caption block: wraps the block just above it in <figure> + <figcaption>.
    Unlike a raw-HTML <figure>, it also works indented (admonitions, lists, tabs)."""
    attrs = f'class: "{classes}"' + (f', id: "{anchor}"' if anchor else "")
    return ["/// caption", f"    attrs: {{{attrs}}}", text or "&nbsp;", "///"]


@dataclass
class _Ctx:
    """One page's expansion: where figures are, what exists, how chapters are named."""

    page: str
    manifest: Manifest
    figures_url: str
    file_exists: Callable[[str], bool] | None = None
    chapters: dict[str, Chapter] = field(default_factory=dict)
    teach: dict[str, str] = field(default_factory=dict)  # chapter -> Markdown links to its teacher's pack
    order: dict[str, int] = field(default_factory=dict)          # figure id -> place in reading order
    recipes: dict[str, RecipeLink] = field(default_factory=dict)  # figure id -> its recipe's code

    def file(self, entry: dict, key: str, *, required: bool = True) -> str | None:
        rel = (entry.get("files") or {}).get(key)
        if rel is None:
            if required:
                raise MacroError(f"figure {entry['id']!r} has no {key!r} file in the manifest")
            return None
        self.check(entry, rel)
        return _url(self.figures_url, rel)

    def check(self, entry: dict, rel: str) -> None:
        if self.file_exists is not None and not self.file_exists(rel):
            raise MacroError(f"figure {entry['id']!r}: file docs/figures/{rel} is missing (run `make figures`)")


def _images(ctx: _Ctx, entry: dict, light_key: str, dark_key: str, attrs: str, picture: bool = True) -> list[str]:
    """One image per theme (Material shows the twin matching the palette); light only when no twin.

    A figure with a narrow variant (the manifest's "narrow" entry) gets a <picture> per theme
    instead: its narrow file on screens matching NARROW_MEDIA, the column file elsewhere."""
    if picture and (entry.get("narrow") or {}).get("files", {}).get(light_key):
        return _pictures(ctx, entry, light_key, dark_key)
    alt = _alt(entry.get("alt") or entry.get("caption") or entry["id"])
    light = ctx.file(entry, light_key)
    dark = ctx.file(entry, dark_key, required=False)
    if dark is None:
        return [f"![{alt}]({light}){{ {attrs} }}"]
    return [f"![{alt}]({light}#only-light){{ {attrs} }}", f"![{alt}]({dark}#only-dark){{ {attrs} }}"]


def _narrow_file(ctx: _Ctx, entry: dict, key: str) -> str | None:
    rel = ((entry.get("narrow") or {}).get("files") or {}).get(key)
    if rel is None:
        return None
    ctx.check(entry, rel)
    return _url(ctx.figures_url, rel)


def _narrow_size(entry: dict) -> tuple[int, int] | None:
    """The narrow variant's size on the page in CSS px (as `css_size`)."""
    narrow = entry.get("narrow") or {}
    return css_size({"id": entry.get("id"), "size": narrow.get("size"), "px_per_css": narrow.get("px_per_css", 2.0)})


def _picture(ctx: _Ctx, entry: dict, key: str, src: str) -> str:
    """A <picture>: the narrow file of `key` on screens matching NARROW_MEDIA, else <img src>
    (class off-glb: the glightbox plugin would wrap the <img> inside the <picture>)."""
    alt = _attr(" ".join(str(entry.get("alt") or entry.get("caption") or entry["id"]).split()))
    dims = lambda s: f' width="{s[0]}" height="{s[1]}"' if s else ""  # noqa: E731
    narrow = _narrow_file(ctx, entry, key)
    source = f'<source media="{_attr(NARROW_MEDIA)}" srcset="{_attr(narrow)}"{dims(_narrow_size(entry))}>' \
        if narrow else ""
    return (f'<picture>{source}<img src="{_attr(src)}" alt="{alt}" class="off-glb" loading="lazy"'
            f'{dims(css_size(entry))}></picture>')


def _lightbox_link(href: str, inner: str, gallery: str | None) -> str:
    """The lightbox link the glightbox plugin would write (its attributes), around `inner`."""
    group = f' data-gallery="{gallery}"' if gallery else ""
    # a palette's twin carries its palette's class: the other palette hides the whole link
    twin = f" nnviz-for-{gallery}" if gallery in ("light", "dark") else ""
    return (f'<a class="glightbox{twin}" href="{_attr(href)}" data-type="image" data-width="auto" data-height="auto" '
            f'data-desc-position="bottom"{group}>{inner}</a>')


def _pictures(ctx: _Ctx, entry: dict, light_key: str, dark_key: str) -> list[str]:
    """Raw HTML: per theme, a lightbox link (to the column file, shown at its design width) around
    a <picture> that gives the narrow file to screens matching NARROW_MEDIA."""
    out = []
    has_dark = ctx.file(entry, dark_key, required=False) is not None
    for key, twin in ((light_key, "light"), (dark_key, "dark")):
        column = ctx.file(entry, key, required=key == light_key)
        if column is None:
            continue
        src = f"{column}#only-{twin}" if has_dark else column
        out.append(_lightbox_link(src, _picture(ctx, entry, key, src), twin if has_dark else None))
    return [" ".join(out)]


def _downloads(ctx: _Ctx, entry: dict, keys: Iterable[str], *, slides: bool = False) -> str:
    files = entry.get("files") or {}
    links = []
    for key in keys:
        rel = files.get(key)
        if rel is None:
            continue
        ctx.check(entry, rel)
        links.append(f'[{_label(key, rel)}]({_url(ctx.figures_url, rel)}){{ download }}')
    if slides:
        for key, rel in sorted((entry.get("slides") or {}).items()):
            ctx.check(entry, rel)
            links.append(f'[{_label(key, rel, "Slide ")}]({_url(ctx.figures_url, rel)}){{ download }}')
    return " · ".join(links)


def _for_palette(light: str, dark: str) -> str:
    """Two versions of some inline Markdown, one shown per palette: nnviz.css hides the other one
    from the body's data-md-color-scheme, so it switches live when the reader toggles the palette,
    in the page and in the lightbox's copy of a caption alike."""
    return f'<span class="nnviz-for-light">{light}</span><span class="nnviz-for-dark">{dark}</span>'


def _anim_downloads(ctx: _Ctx, entry: dict) -> str:
    """An animation's downloads under it: GIF and MP4 of the palette shown (the light ones when
    the manifest has no dark twin)."""
    files = entry.get("files") or {}
    light = _downloads(ctx, entry, ["gif", "mp4"])
    if "mp4_dark" not in files and "gif_dark" not in files:
        return light
    dark = _downloads(ctx, entry, [k if f"{k}_dark" not in files else f"{k}_dark" for k in ("gif", "mp4")])
    return _for_palette(light, dark)


def _gallery_downloads(ctx: _Ctx, entry: dict) -> str:
    """A gallery card's downloads: every file, but one GIF, the palette's (a GIF goes into slides
    whose background matches what the reader sees)."""
    files = entry.get("files") or {}
    links = []
    for key in _file_order(entry):
        if key == "gif_dark" and "gif" in files:
            continue
        if key == "gif" and "gif_dark" in files:
            links.append(_for_palette(_downloads(ctx, entry, ["gif"]), _downloads(ctx, entry, ["gif_dark"])))
        else:
            links.append(_downloads(ctx, entry, [key]))
    slides = _downloads(ctx, entry, [], slides=True)
    return " · ".join(link for link in [*links, slides] if link)


def _file_order(entry: dict) -> list[str]:
    files = entry.get("files") or {}
    known = [k for k in _LABELS if k in files]
    return known + sorted(k for k in files if k not in _LABELS)


# ---------------------------------------------------------------- the macros


def _attr(value) -> str:
    return html.escape(str(value), quote=True)


def _player(ctx: _Ctx, entry: dict, caption: str, *, autoplay: bool = True) -> str:
    """The markup docs/assets/js/player.js enhances (its header comment is the contract).

    One <video> whose sources are set by the script when it nears the viewport (so nothing is
    downloaded at page load), light and dark sources side by side; the animation's clock
    (`labels`, `clock`) and its frame timing (`repeats`, `fps`) from the manifest. After it, the
    still: the poster (light and dark twins, lazy) as a link to the MP4, which is what prints.
    Before the video, a <noscript> video: what a reader without script gets instead (player.css
    hides the still then), playable with the browser's own controls, the light poster and MP4.
    The player's <video> itself has no `poster` attribute: Chromium fetches a poster at page load
    even with preload="none", hidden or far below; with one, the gallery's first load went from
    1.23 to 2.69 MB and random-families' from 0.98 to 1.92 MB (2026-12-08), over the 1.5 MB
    budget (tests/test_site_player.py). The script sets it when the video nears the viewport,
    and before printing.
    `autoplay=False` (the gallery): played only when asked.
    """
    label = " ".join(str(entry.get("alt") or caption).split())
    video = {"class": "nnviz-video", "muted": None, "loop": None, "playsinline": None, "controls": None,
             "preload": "none", "aria-label": label, "data-src": ctx.file(entry, "mp4")}
    for attr, key in (("data-poster", "poster"), ("data-src-dark", "mp4_dark"),
                      ("data-poster-dark", "poster_dark")):
        url = ctx.file(entry, key, required=False)
        if url:
            video[attr] = url
    narrow_size = _narrow_size(entry)
    for attr, key in (("data-src-narrow", "mp4"), ("data-poster-narrow", "poster"),
                      ("data-src-narrow-dark", "mp4_dark"), ("data-poster-narrow-dark", "poster_dark")):
        url = _narrow_file(ctx, entry, key)
        if url and narrow_size:
            video[attr] = url
    if "data-src-narrow" in video:
        video["data-width-narrow"], video["data-height-narrow"] = narrow_size
    player = {"class": "nnviz-player", "data-fps": entry.get("fps", 12), "data-clock": entry.get("clock", "frame")}
    if not autoplay:
        player["data-autoplay"] = "off"
    if "data-src-narrow" in video:
        player["data-narrow-media"] = NARROW_MEDIA
    for key in ("labels", "repeats"):
        if entry.get(key):
            player[f"data-{key}"] = json.dumps(entry[key], ensure_ascii=False, separators=(",", ":"))
    if entry.get("poster_frame") is not None:  # the clock shows the poster's frame until the video plays
        player["data-poster-frame"] = entry["poster_frame"]
    attrs = lambda d: "".join(f" {k}" if v is None else f' {k}="{_attr(v)}"' for k, v in d.items())  # noqa: E731
    size = css_size(entry)  # shown at its CSS size, like the stills: nothing shifts while loading
    dims = f' width="{size[0]}" height="{size[1]}"' if size else ""
    return (f"<div{attrs(player)}>{_noscript(ctx, entry, label, dims)}<video{attrs(video)}{dims}></video>"
            f"{_still(ctx, entry, label, dims)}</div>")


def _noscript(ctx: _Ctx, entry: dict, label: str, dims: str) -> str:
    """The player without script: a <video> with a source, the light poster and the browser's
    controls, in <noscript> (with script on, its contents are text: nothing loads)."""
    poster = ctx.file(entry, "poster", required=False)
    attrs = (f'controls muted loop playsinline preload="none" src="{_attr(ctx.file(entry, "mp4"))}"'
             + (f' poster="{_attr(poster)}"' if poster else "") + f' aria-label="{_attr(label)}"{dims}')
    return f"<noscript><video {attrs}></video></noscript>"


def _still(ctx: _Ctx, entry: dict, label: str, dims: str) -> str:
    """The poster as a link to the MP4 (player.js's still): light and dark twins, lazy."""
    twins = [(ctx.file(entry, "poster", required=False), "#only-light"),
             (ctx.file(entry, "poster_dark", required=False), "#only-dark")]
    twins = [(url, mark) for url, mark in twins if url]
    if not twins:
        return ""
    if len(twins) == 1:
        twins = [(twins[0][0], "")]
    imgs = "".join(f'<img src="{_attr(url + mark)}" alt="{_attr(label)}" loading="lazy"{dims}>' for url, mark in twins)
    return (f'<a class="nnviz-player__still" href="{_attr(ctx.file(entry, "mp4"))}" '
            f'title="Play the animation (MP4)">{imgs}</a>')




def _figure(ctx: _Ctx, fig_id: str, as_: str | None = None) -> str:
    entry = ctx.manifest.figure(fig_id)
    kind = entry.get("kind")
    caption = _caption(entry.get("caption", ""))
    if as_ not in (None, "gif", "video"):
        raise MacroError(f'figure {fig_id!r}: as={as_!r} is not one of "gif", "video"')
    if as_ is not None and kind != "anim":
        raise MacroError(f"figure {fig_id!r}: as={as_!r} only applies to anims, this one is {kind!r}")

    img = _img_attrs(entry)
    if kind == "png":
        body = _images(ctx, entry, "png", "png_dark", img)
    elif kind == "svg":
        files = entry.get("files") or {}
        body = _images(ctx, entry, "svg", "svg_dark", img) if "svg" in files \
            else _images(ctx, entry, "png", "png_dark", img)
    elif kind == "anim" and as_ == "gif":
        body = _images(ctx, entry, "gif", "gif_dark", img)
        caption += f' <span class="nnviz-downloads">{_anim_downloads(ctx, entry)}</span>'
    elif kind == "anim":
        body = [_player(ctx, entry, caption)]
        caption += f' <span class="nnviz-downloads">{_anim_downloads(ctx, entry)}</span>'
    else:
        raise MacroError(f"figure {fig_id!r}: unknown kind {kind!r}")

    cls = ("nnviz-figure nnviz-anim" if kind == "anim" else "nnviz-figure") + _slot_class(entry)
    # Blank lines around: the images must be a paragraph of their own for the caption block.
    return "\n".join(["", *body, *_caption_block(caption, cls), ""])


def _gallery_card(ctx: _Ctx, entry: dict) -> str:
    kind = entry.get("kind")
    files = entry.get("files") or {}
    attrs = _img_attrs(entry)
    if kind == "anim":
        # The chapter pages' player, in the reader's palette and sharp (the MP4 is drawn at twice
        # the CSS size, the GIF at it), which plays only when asked.
        body = [_player(ctx, entry, _caption(entry.get("caption", "")), autoplay=False)]
    elif "png" in files:
        body = _images(ctx, entry, "png", "png_dark", attrs)
    else:
        body = _images(ctx, entry, "svg", "svg_dark", attrs)
    anchor = "fig-" + entry["id"].replace("/", "--")
    name = entry.get("name") or entry["id"].rsplit("/", 1)[-1]
    badge = ' <span class="nnviz-badge">animation</span>' if kind == "anim" else ""
    links = _gallery_downloads(ctx, entry)
    recipe = ctx.recipes.get(entry["id"])
    if recipe:
        href = posixpath.relpath(recipe.page, posixpath.dirname(ctx.page) or ".") + "#" + recipe.anchor
        # Plain text (a code span's background costs the link its contrast in the dark palette);
        # Markdown reads inside inline HTML, so an _ is written as an entity, never italicises.
        label = html.escape(recipe.label).replace("_", "&#95;")
        links = f'<a class="nnviz-recipe" href="{_attr(href)}">Code: {label}</a>' + links
    text = (f"`{name}`{badge} {_caption(entry.get('caption', ''))}"
            f' <span class="nnviz-downloads">{links}</span>')
    return "\n".join([*body, *_caption_block(text, "nnviz-card", anchor)])


def _gallery(ctx: _Ctx) -> str:
    groups: dict[str, list[dict]] = {}
    for entry in ctx.manifest.figures:
        groups.setdefault(entry["chapter"], []).append(entry)
    # Inside a chapter, the order its page shows them in; figures no page shows come last.
    last = len(ctx.order)
    for chapter, entries in groups.items():
        entries.sort(key=lambda e: ctx.order.get(e["id"], last))
    order = [c for c in ctx.chapters if c in groups] + [c for c in groups if c not in ctx.chapters]
    out = []
    for chapter in order:
        info = ctx.chapters.get(chapter) or Chapter(chapter.replace("-", " ").capitalize())
        n = len(groups[chapter])
        out.append(f"## {info.title}\n")
        link = f" From the chapter [{info.title}]({info.page})." if info.page else ""
        out.append(f"{n} figure{'s' if n != 1 else ''}.{link}\n")
        if ctx.teach.get(chapter):
            out.append(f"Teach this chapter: {ctx.teach[chapter]}\n")
        out.append('<div class="nnviz-gallery" markdown>\n')
        out.extend(_gallery_card(ctx, e) + "\n" for e in groups[chapter])
        out.append("</div>\n")
    return "\n".join(out)


def _dispatch(ctx: _Ctx, name: str, args: list[str], kwargs: dict[str, str]) -> str:
    if name == "figure":
        if len(args) != 1 or set(kwargs) - {"as"}:
            raise MacroError('figure() takes one id and optionally as="gif": figure("chapter/name")')
        return _figure(ctx, args[0], kwargs.get("as"))
    if name == "fact":
        if len(args) != 2 or kwargs:
            raise MacroError('fact() takes an id and a key: fact("chapter/name", "key")')
        return ctx.manifest.fact(*args)
    if name == "gallery":
        if args or kwargs:
            raise MacroError("gallery() takes no arguments")
        return _gallery(ctx)
    if name == "source":
        if len(args) > 1 or kwargs:
            raise MacroError('source() takes at most a chapter: source() or source("stairs")')
        return _source(args[0] if args else posixpath.splitext(ctx.page)[0])
    if name == "article":
        if len(args) > 1 or kwargs:
            raise MacroError('article() takes at most a chapter: article() or article("stairs")')
        try:
            return chapter_source(args[0] if args else posixpath.splitext(ctx.page)[0]).short()
        except KeyError as err:
            raise MacroError(str(err.args[0])) from None
    if name == "sources":
        if args or kwargs:
            raise MacroError("sources() takes no arguments")
        return "\n".join(f"- {s.cite()}, behind the chapter [{ctx.chapters[s.chapter].title}]({ctx.chapters[s.chapter].page})"
                         if s.chapter in ctx.chapters and ctx.chapters[s.chapter].page else f"- {s.cite()}"
                         for s in SOURCES)
    raise MacroError(f"unknown macro {name!r} (known: figure, fact, gallery, source, article, sources)")


def _source(chapter: str) -> str:
    try:
        article = chapter_source(chapter)
    except KeyError as err:
        raise MacroError(str(err.args[0])) from None
    return f'<p class="nnviz-source">Based on the article {article.cite()}, re-explained and redrawn here.</p>\n'



def figures_url_for(page: str) -> str:
    """Relative URL from a page's source path (e.g. 'one-neuron.md', 'sub/page.md') to docs/figures."""
    return posixpath.relpath("figures", posixpath.dirname(page) or ".")


def expand(
    text: str,
    manifest: Manifest | None,
    *,
    page: str,
    file_exists: Callable[[str], bool] | None = None,
    chapters: dict[str, Chapter] | None = None,
    teach: dict[str, str] | None = None,
    manifest_missing: str = "docs/figures/manifest.json is missing: run `make figures`",
    order: Iterable[str] = (),
    recipes: dict[str, RecipeLink] | None = None,
) -> str:
    """Expand every macro of a page's Markdown. Errors name the page and the macro.

    teach: {chapter: Markdown links to its teacher's pack}, shown under the chapter in the gallery;
    `order`: figure ids in reading order (the gallery's order inside a chapter); `recipes`:
    where each figure's code is shown (the gallery links it)."""
    if not has_macros(text):
        return text
    regions = code_regions(text)
    ctx = _Ctx(page, manifest, figures_url_for(page), file_exists, chapters or {}, teach or {},  # type: ignore[arg-type]
               {fig: i for i, fig in enumerate(dict.fromkeys(order))}, recipes or {})

    def replace(m: re.Match) -> str:
        if any(s <= m.start() < e for s, e in regions):
            return m.group(0)
        try:
            if ctx.manifest is None:
                raise MacroError(manifest_missing)
            name, args, kwargs = parse_call(m["call"])
            out = _dispatch(ctx, name, args, kwargs)
        except MacroError as err:
            raise MacroError(f"{page}: {{{{ {m['call']} }}}}: {err}") from None
        # A block macro alone on an indented line (admonition, list) keeps that indentation.
        line_start = text.rfind("\n", 0, m.start()) + 1
        indent = text[line_start:m.start()]
        if "\n" in out and indent and not indent.strip():
            out = out.replace("\n", "\n" + indent)
        return out

    return MACRO.sub(replace, text)
