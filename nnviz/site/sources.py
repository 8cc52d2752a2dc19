"""The five articles the chapters re-explain, as the pages cite them (the facts: nnviz.sources).

Each chapter page names its article with `{{ source() }}` (under its title), and the About page
lists all five with `{{ sources() }}` (nnviz.site.macros). Titles, authors and dates are those
of the articles themselves (the copies in the project's shared seeds folder, checked against the
authors' own pages where the copy omits them); a field nobody could confirm stays None and the
page says so, rather than guessing.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from .. import sources as _articles


@dataclass(frozen=True)
class Source:
    """One article: `chapter` is the page it underlies (its file name without .md)."""

    chapter: str
    title: str
    author: str | None
    date: str | None       # as precise as is known: "13 August 2020", "2017"
    where: str | None      # the blog or publication it appeared in
    url: str | None        # the article itself, where known
    seed: str              # the seed file it was read from

    def cite(self) -> str:
        """An HTML citation: “Title”, Author, Where, Date (with a link where the URL is known)."""
        title = f"“{html.escape(self.title)}”"
        if self.url:
            title = f'<a href="{html.escape(self.url, quote=True)}">{title}</a>'
        parts = [title, html.escape(self.author) if self.author else "author unknown to us"]
        if self.where:
            parts.append(f"<em>{html.escape(self.where)}</em>")
        parts.append(html.escape(self.date) if self.date else "date not recorded")
        return ", ".join(parts)


    def short(self) -> str:
        """How running text names it: Author's “Title” (“Title” when the author is unknown)."""
        title = f"“{html.escape(self.title)}”"
        return f"{html.escape(self.author)}’s {title}" if self.author else f"the article {title}"


# In the order of the chapters; the facts themselves live in nnviz.sources, the one list the
# teacher's packs cite too.
SOURCES: tuple[Source, ...] = tuple(
    Source(chapter, a.title, a.author, a.date, a.venue, a.url, a.seed) for chapter, a in _articles.SOURCES.items())

BY_CHAPTER = {s.chapter: s for s in SOURCES}


def chapter_source(chapter: str) -> Source:
    """The article under `chapter`; KeyError names the chapters that have one."""
    try:
        return BY_CHAPTER[chapter]
    except KeyError:
        raise KeyError(f"no source article for {chapter!r} (known: {', '.join(BY_CHAPTER)})") from None
