"""A chapter's figures in one zip: every file of every figure, both palettes, and a README.

Inside one folder, `<chapter>-figures/`: `page/` holds the files the site shows (PNG, SVG,
GIF, MP4, posters, with their dark twins), `slide/` the 1280 x 720 slide versions (animations
as GIF and MP4, stills as PNG, light and dark), and README.md lists every figure's id, title,
caption, alt text and files, with the citation. Entries are sorted, dated DOS_EPOCH and stored
(the images and videos are compressed already; the text is deflated), so the same inputs give
the same bytes.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .deck import DOS_EPOCH

STORED = (".png", ".gif", ".mp4", ".jpg", ".jpeg")


@dataclass(frozen=True)
class PackFigure:
    """One figure for the README and the zip: files maps a name inside the zip to a file on disk."""

    id: str
    kind: str
    title: str
    caption: str
    alt: str
    files: dict[str, Path] = field(default_factory=dict)


def readme(chapter_title: str, header: list[str], figures: list[PackFigure]) -> str:
    """The README.md of a pack: `header` lines (citation, credits, licence), then each figure."""
    lines = [f"# {chapter_title}: every figure", "", *header, "",
             "Folders: `page/` has the files the site shows (PNG drawn at 2 px per CSS px, SVG for "
             "diagrams, GIF and MP4 for animations, `.dark` twins for dark backgrounds); `slide/` has "
             "the 1280 x 720 slide versions, `.light` and `.dark`.", ""]
    for number, fig in enumerate(figures, 1):
        lines += [f"## {number}. {fig.title}", "",
                  f"- id: `{fig.id}` ({'animation' if fig.kind == 'anim' else 'still'})",
                  f"- caption: {fig.caption}",
                  f"- alt text: {fig.alt}",
                  "- files: " + ", ".join(f"`{name}`" for name in sorted(fig.files)), ""]
    return "\n".join(lines)


def zip_bytes(folder: str, text: str, figures: list[PackFigure]) -> bytes:
    """The zip: `folder`/README.md holding `text`, then every figure's files under `folder`/.
    Raises FileNotFoundError naming a missing file."""
    entries = {"README.md": text.encode("utf-8")}
    for fig in figures:
        for name, path in fig.files.items():
            entries[name] = Path(path).read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in ["README.md", *sorted(n for n in entries if n != "README.md")]:
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=DOS_EPOCH)
            info.compress_type = zipfile.ZIP_STORED if name.endswith(STORED) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    return out.getvalue()
