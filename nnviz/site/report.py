"""What a built site weighs and what its pages load: used by `nnviz site` and by the tests."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that make the browser fetch something (links in <a href> are not fetched).
_FETCHING = {
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"), "video": ("src", "poster"),
    "audio": ("src",), "iframe": ("src",), "embed": ("src",), "object": ("data",), "track": ("src",),
    "link": ("href",),
}


class _Refs(HTMLParser):
    def __init__(self, noscript: bool = True):
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.noscript = noscript  # read what <noscript> holds (only a browser without script fetches it)
        self._inside = 0  # <noscript> elements open

    def handle_endtag(self, tag):
        if tag == "noscript":
            self._inside = max(0, self._inside - 1)

    def handle_starttag(self, tag, attrs):
        if tag == "noscript":
            self._inside += 1
        if self._inside and not self.noscript:
            return
        for name, value in attrs:
            if value and name in _FETCHING.get(tag, ()):
                if name == "srcset":
                    for part in value.split(","):
                        if part.strip():
                            self.refs.append((tag, name, part.split()[0]))
                else:
                    self.refs.append((tag, name, value))


def fetched_refs(html: str, noscript: bool = True) -> list[tuple[str, str, str]]:
    """Every (tag, attribute, url) in a page that the browser would request; with
    `noscript=False`, without what <noscript> holds (fetched only with scripting off)."""
    parser = _Refs(noscript)
    parser.feed(html)
    return parser.refs


def is_external(url: str) -> bool:
    """True for a URL that leaves the site (http, https, protocol-relative ...)."""
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "data", "blob")


NOT_PAGES = ("assets", "examples")  # vendored files; `nnviz fit` reports copied in whole (examples/)


def pages(site_dir: str | Path) -> list[Path]:
    """The built pages: every .html except 404.html and anything under assets/ or examples/."""
    site_dir = Path(site_dir)
    return sorted(
        p for p in site_dir.rglob("*.html")
        if p.name != "404.html" and p.relative_to(site_dir).parts[0] not in NOT_PAGES
    )


@dataclass
class PageWeight:
    page: str
    html_bytes: int
    media_bytes: int  # images, videos and posters the page loads (light and dark; with script, so no <noscript>)

    @property
    def total(self) -> int:
        return self.html_bytes + self.media_bytes


def page_weight(site_dir: str | Path, page: Path) -> PageWeight:
    site_dir = Path(site_dir)
    text = page.read_text(encoding="utf-8")
    seen: set[Path] = set()
    for tag, _attr, url in fetched_refs(text, noscript=False):
        if tag not in ("img", "source", "video") or is_external(url):
            continue
        target = (page.parent / unquote(urlsplit(url).path)).resolve()
        if target.is_file():
            seen.add(target)
    media = sum(p.stat().st_size for p in seen)
    return PageWeight(page.relative_to(site_dir).as_posix(), len(text.encode()), media)


def site_bytes(site_dir: str | Path) -> int:
    return sum(p.stat().st_size for p in Path(site_dir).rglob("*") if p.is_file())


PACKS_DIR = "teach"  # the teacher's packs (nnviz.teach.links.TEACH_DIR): downloads, never loaded by a page


def pack_bytes(site_dir: str | Path) -> int:
    """Bytes of the teacher's packs copied into the site (decks and zips under teach/)."""
    folder = Path(site_dir) / PACKS_DIR
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def summary(site_dir: str | Path) -> str:
    site_dir = Path(site_dir)
    weights = sorted((page_weight(site_dir, p) for p in pages(site_dir)), key=lambda w: -w.total)
    total = site_bytes(site_dir)
    lines = [f"site: {total / 1e6:.1f} MB in {sum(1 for p in site_dir.rglob('*') if p.is_file())} files"]
    packs = pack_bytes(site_dir)
    if packs:
        lines[0] += f", of which the teacher's packs (downloads in {PACKS_DIR}/) {packs / 1e6:.1f} MB"
    if weights:
        w = weights[0]
        lines.append(
            f"heaviest page: {w.page} ({w.total / 1e6:.1f} MB: {w.html_bytes / 1e3:.0f} kB HTML"
            f" + {w.media_bytes / 1e6:.1f} MB images and videos, both themes)"
        )
    return "\n".join(lines)


__all__ = ["fetched_refs", "is_external", "pages", "page_weight", "site_bytes", "pack_bytes", "summary", "PageWeight"]
