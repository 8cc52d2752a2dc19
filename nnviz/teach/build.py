"""Building the teacher's packs: for each chapter two decks and a zip in slides/, when stale.

    slides/<chapter>.pptx          light deck     slides/<chapter>.dark.pptx   dark deck
    slides/<chapter>-figures.zip   every figure in every format and palette, with a README

Inputs: the site's manifest (docs/figures/manifest.json: captions, alt text, page files), the
slides manifest (slides/manifest.json: the 1280 x 720 versions), the chapter page
(docs/<chapter>.md: reading order, titles, introducing sentences) and nnviz.sources (citation,
credits, licence). A pack is rebuilt only when the hash of all of these, of the bytes of every
file it holds and of the code that writes it changed; slides/packs.json records the hashes.
Each file is written atomically (a deck is complete or absent) and the same inputs give the
same bytes.
"""
from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import sources
from ..render.save import atomic_write
from ..render.theme import DARK, LIGHT
from . import bundle, deck, page

PACK_VERSION = "1"
PACKS_MANIFEST = "packs.json"
MAX_DECK_BYTES = 100_000_000  # Google Slides' import limit
# What decides a pack's bytes besides its inputs: this package, the sources and the palettes.
CODE = [Path(__file__).parent / name for name in ("build.py", "bundle.py", "deck.py", "page.py")] + [
    Path(sources.__file__), Path(__file__).parents[1] / "render" / "theme.py",
    Path(__file__).parents[1] / "site" / "searchtext.py"]  # the notes' TeX converter


def deck_name(chapter: str, palette: str) -> str:
    """'learning.pptx' for the light deck, 'learning.dark.pptx' for the dark one (a contract)."""
    return f"{chapter}.pptx" if palette == "light" else f"{chapter}.{palette}.pptx"


def zip_name(chapter: str) -> str:
    return f"{chapter}-figures.zip"


class PackError(Exception):
    """A chapter's pack cannot be built from what is there (one line, naming the file)."""


@dataclass
class PackReport:
    built: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one line each
    sizes: dict[str, int] = field(default_factory=dict)  # file name -> bytes, of every pack file
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (f"teacher's packs: {len(self.built)} built, {len(self.up_to_date)} up to date, "
                f"{len(self.failed)} failed in {self.seconds:.1f} s")


def _entries(path: Path, what: str) -> dict[str, dict]:
    try:
        return {e["id"]: e for e in json.loads(path.read_text(encoding="utf-8"))["figures"]}
    except FileNotFoundError:
        raise PackError(f"{path} is missing: run `make {what}`") from None
    except (ValueError, KeyError, TypeError) as err:
        raise PackError(f"{path}: unreadable manifest ({err}): run `make {what}`") from None


def page_title(markdown: str, chapter: str) -> str:
    """The page's first `# ` heading, or the chapter folder's name."""
    m = re.search(r"^#\s+(.+?)\s*$", markdown, re.M)
    return page.plain(m[1]) if m else chapter.replace("-", " ").capitalize()


@dataclass
class _Plan:
    """Everything one chapter's pack is made of, gathered before anything is written."""

    chapter: str
    title: str
    decks: dict[str, deck.Deck]
    figures: list[bundle.PackFigure]
    readme: str
    key: str


def plan(chapter: str, site: dict[str, dict], slides: dict[str, dict], figures_dir: Path, slides_dir: Path,
         docs_dir: Path) -> _Plan:
    """Gather one chapter's pack; PackError when a page, a figure or a slide version is missing."""
    page_path = docs_dir / f"{chapter}.md"
    try:
        markdown = page_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackError(f"{page_path} is missing: no page for chapter {chapter!r}") from None
    mine = [e for e in site.values() if e.get("chapter") == chapter]
    if not mine:
        raise PackError(f"docs/figures/manifest.json has no figure of chapter {chapter!r}: run `make figures`")
    facts = {i: e.get("facts") or {} for i, e in site.items()}
    on_page = [f for f in page.figures(markdown, facts) if f.id in site and site[f.id].get("chapter") == chapter]
    seen = {f.id for f in on_page}
    # Figures the page does not show come last, in the manifest's order.
    ordered = on_page + [page.PageFigure(e["id"], "", "", "") for e in mine if e["id"] not in seen]
    titles = page.short_titles(ordered, {i: e.get("caption", "") for i, e in site.items()})
    missing = [f.id for f in ordered if f.id not in slides]
    if missing:
        shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
        raise PackError(f"chapter {chapter!r}: {len(missing)} figure(s) have no slide version in {slides_dir} "
                        f"({shown}): run `make slides`")
    title = page_title(markdown, chapter)
    src = sources.source(chapter)
    cite = f"{sources.PROJECT} ({sources.YEAR}), chapter “{title}”, licence {sources.LICENCE_URL}"
    header = [f"From {sources.PROJECT}: the figures of the chapter “{title}”.",
              f"Source article: {src.citation()}",
              f"Credits: {sources.CREDITS}",
              f"Licence: {sources.LICENCE}, {sources.LICENCE_URL}.",
              f"Cite as: {cite}, after {src.citation()}"]
    pack_figures, decks = [], {}
    for palette in (LIGHT, DARK):
        slide_list = []
        for item in ordered:
            entry, slide = site[item.id], slides[item.id]
            key = ("gif_" if entry.get("kind") == "anim" else "png_") + palette.name
            rel = (slide.get("files") or {}).get(key)
            if not rel:
                raise PackError(f"{slides_dir / 'manifest.json'}: figure {item.id!r} has no {key!r} file: "
                                "run `make slides`")
            caption = page.plain(entry.get("caption", ""), facts)  # its TeX as readable text
            notes = [caption]
            if item.intro:
                notes.append(f"On the page: {item.intro}")
            notes.append(f"Figure {item.id} ({'animation' if entry.get('kind') == 'anim' else 'still'}), "
                         f"from the chapter page {chapter}.md.")
            slide_list.append(deck.FigureSlide(item.id, titles[item.id], slides_dir / rel,
                                               " ".join(entry.get("alt", "").split()), "\n\n".join(notes)))
        decks[palette.name] = deck.Deck(
            title=title,
            subtitle=[f"After {src.citation()}",
                      f"{len(ordered)} figures from {sources.PROJECT}, in the order of the chapter page. "
                      "The speaker notes hold each caption and the page's words.",
                      f"Licence: {sources.LICENCE}."],
            figures=slide_list,
            credits_title="Credits and licence",
            credits=[f"Source article: {src.citation()}", sources.CREDITS,
                     f"Licence: {sources.LICENCE}, {sources.LICENCE_URL}.",
                     f"Cite as: {cite}."],
            core_title=f"{title} (slides)", core_subject=f"After {src.citation()}", author="nnviz")
    for item in ordered:
        entry, slide = site[item.id], slides[item.id]
        files = {f"page/{Path(rel).name}": figures_dir / rel for rel in (entry.get("files") or {}).values()}
        files.update({f"slide/{Path(rel).name}": slides_dir / rel for rel in (slide.get("files") or {}).values()})
        pack_figures.append(bundle.PackFigure(item.id, entry.get("kind", ""), titles[item.id],
                                              page.plain(entry.get("caption", ""), facts),
                                              " ".join(entry.get("alt", "").split()), files))
    text = bundle.readme(title, header, pack_figures)
    key = _key(chapter, decks, text, pack_figures)
    return _Plan(chapter, title, decks, pack_figures, text, key)


def _key(chapter: str, decks: dict[str, deck.Deck], text: str, figures: list[bundle.PackFigure]) -> str:
    import PIL
    import pptx

    h = hashlib.sha256(f"pack {PACK_VERSION} {chapter} pptx {pptx.__version__} pillow {PIL.__version__}\n".encode())
    for path in CODE:
        h.update(f"{path.name} {hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    for d in decks.values():  # the words of each deck; its pictures are among the files hashed below
        words = [d.title, *d.subtitle, d.credits_title, *d.credits, d.core_title, d.core_subject, d.author]
        words += [f"{f.id}|{f.title}|{f.picture.name}|{f.alt}|{f.notes}" for f in d.figures]
        h.update(json.dumps(words, ensure_ascii=False).encode())
    h.update(text.encode())
    for fig in figures:
        for name, path in sorted(fig.files.items()):
            try:
                digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            except FileNotFoundError:
                raise PackError(f"{path} is missing (figure {fig.id!r}): run `make figures` and `make slides`") from None
            h.update(f"{name} {digest}\n".encode())
    return h.hexdigest()


def _load_packs(path: Path) -> dict[str, dict]:
    try:
        return {p["chapter"]: p for p in json.loads(path.read_text(encoding="utf-8"))["packs"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _save_packs(path: Path, packs: dict[str, dict]) -> None:
    text = json.dumps({"packs": [packs[c] for c in sorted(packs)]}, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if not (path.is_file() and path.read_text(encoding="utf-8") == text):
        atomic_write(path, text.encode("utf-8"))


def build_packs(figures_dir: Path, slides_dir: Path, docs_dir: Path, chapters=None, force: bool = False,
                progress=None) -> PackReport:
    """Build the stale packs of `chapters` (default: every chapter of nnviz.sources) into
    `slides_dir`. A chapter that cannot be built is reported in `failed` and the others go on.
    `progress`: a callable given one line per chapter, or None."""
    start = time.perf_counter()
    report = PackReport()
    figures_dir, slides_dir, docs_dir = Path(figures_dir), Path(slides_dir), Path(docs_dir)
    manifest_path = slides_dir / PACKS_MANIFEST
    packs = _load_packs(manifest_path)
    try:
        site = _entries(figures_dir / "manifest.json", "figures")
        slides = _entries(slides_dir / "manifest.json", "slides")
    except PackError as err:
        report.failed.append(str(err))
        report.seconds = time.perf_counter() - start
        return report
    for chapter in chapters or sources.CHAPTERS:
        t0 = time.perf_counter()
        try:
            p = plan(chapter, site, slides, figures_dir, slides_dir, docs_dir)
            names = {"deck_light": deck_name(chapter, "light"), "deck_dark": deck_name(chapter, "dark"),
                     "zip": zip_name(chapter)}
            old = packs.get(chapter)
            if (not force and old and old.get("source_hash") == p.key and old.get("files") == names
                    and all((slides_dir / n).is_file() for n in names.values())):
                report.up_to_date.append(chapter)
                report.sizes.update({n: (slides_dir / n).stat().st_size for n in names.values()})
                continue
            written = {}
            for palette in (LIGHT, DARK):
                data = deck.deck_bytes(p.decks[palette.name], palette)
                if len(data) >= MAX_DECK_BYTES:
                    raise PackError(f"{deck_name(chapter, palette.name)} would be {len(data) / 1e6:.1f} MB, over "
                                    f"the {MAX_DECK_BYTES / 1e6:.0f} MB that Google Slides imports")
                written[f"deck_{palette.name}"] = data
            written["zip"] = bundle.zip_bytes(f"{chapter}-figures", p.readme, p.figures)
        except (PackError, OSError) as err:
            report.failed.append(f"FAILED pack {chapter}: {err}")
            if progress:
                progress(f"FAILED pack {chapter}: {err}")
            continue
        for key, data in written.items():
            atomic_write(slides_dir / names[key], data)
        sizes = {names[k]: len(v) for k, v in written.items()}
        report.sizes.update(sizes)
        packs[chapter] = {"chapter": chapter, "title": p.title, "files": names, "sizes": sizes,
                          "slides": len(p.decks["light"].figures) + 2, "source_hash": p.key}
        _save_packs(manifest_path, packs)
        report.built.append(chapter)
        if progress:
            progress(f"pack {chapter}: " + ", ".join(f"{n} {s / 1e6:.1f} MB" for n, s in sizes.items())
                     + f" ({time.perf_counter() - t0:.1f} s)")
    known = set(chapters or sources.CHAPTERS) | set(sources.CHAPTERS)
    packs = {c: v for c, v in packs.items() if c in known}
    _save_packs(manifest_path, packs)
    report.seconds = time.perf_counter() - start
    return report
