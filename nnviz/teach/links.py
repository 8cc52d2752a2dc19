"""Where the teacher's packs go on the site and how pages link them ("Teach this chapter").

The site build (nnviz.site.hooks) copies each chapter's decks and zip from slides/ into
site/teach/, and links them from the chapter page and from the gallery. Relative links, so
they work over http and from disk (file://).
"""
from __future__ import annotations

import json
import posixpath
from pathlib import Path

TEACH_DIR = "teach"  # under the site's root
LABELS = {"deck_light": "Slides (PowerPoint)", "deck_dark": "Slides, dark (PowerPoint)",
          "zip": "All figures (ZIP)"}


def packs(slides_dir: Path) -> dict[str, list[tuple[str, str, Path]]]:
    """{chapter: [(label, site path, file on disk), ...]} for every pack file slides/packs.json
    lists and slides/ holds; {} when there is none. Raises ValueError for an unreadable list."""
    path = Path(slides_dir) / "packs.json"
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["packs"]
    except (ValueError, KeyError, TypeError) as err:
        raise ValueError(f"{path}: unreadable list of teacher's packs ({err}): run `make slides`") from None
    found = {}
    for pack in data:
        links = []
        for key, label in LABELS.items():
            name = (pack.get("files") or {}).get(key)
            if name and (Path(slides_dir) / name).is_file():
                links.append((label, f"{TEACH_DIR}/{name}", Path(slides_dir) / name))
        if links:
            found[pack["chapter"]] = links
    return found


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.0f} kB"


def markdown_links(links: list[tuple[str, str, Path]], page: str) -> str:
    """'[Slides (PowerPoint), 2.1 MB](teach/learning.pptx){ download } · ...' relative to `page`."""
    base = posixpath.dirname(page) or "."
    return " · ".join(f"[{label}, {_size(path)}]({posixpath.relpath(rel, base)}){{ download }}"
                      for label, rel, path in links)


def chapter_section(links: list[tuple[str, str, Path]], page: str) -> str:
    """The "Teach this chapter" section appended to a chapter page."""
    return ("\n\n## Teach this chapter\n\n"
            "Slides ready to present: one slide per figure of this page, in its order, animations "
            "included, each with its alt text, and the caption and this page's words in the speaker "
            "notes; a dark version for dark rooms; and every figure in every format in one zip. "
            "They open in PowerPoint, Keynote, Google Slides and LibreOffice Impress.\n\n"
            + markdown_links(links, page) + "\n")
