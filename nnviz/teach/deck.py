"""One slide deck (.pptx) written with python-pptx: a title slide, one slide per figure, credits.

16:9 (13.333 x 7.5 in). Every figure slide has a real title placeholder (screen readers and the
outline view read it), the slide-sized picture below it with the figure's alt text in its
`descr` attribute, and the caption plus the page's introducing sentence in the speaker notes.
Animations are their 1280 x 720 GIFs, which PowerPoint, Keynote, Google Slides and LibreOffice
play in a slide show, looping. Colours are the palette's own (nnviz.render.theme), so a dark
deck has the dark figures on the dark background they were drawn on.

The bytes depend only on the inputs: python-pptx's package is rewritten with every zip entry
dated DOS_EPOCH and the core properties pinned (PINNED_DATE, revision 1).
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ..render.theme import Theme

SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in: PowerPoint's 16:9
TITLE_BAND = Inches(0.62)  # the figure slides' title strip; the picture fills the rest
MARGIN = Inches(0.3)
PINNED_DATE = dt.datetime(2000, 1, 1)  # core properties' created / modified: not the build's clock
DOS_EPOCH = (1980, 1, 1, 0, 0, 0)  # every zip entry's date
LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5  # of python-pptx's default template
URL = re.compile(r"(https?://[^\s,;)]*[^\s,;).])")


@dataclass(frozen=True)
class FigureSlide:
    """One figure: its slide title, picture file (GIF or PNG, 16:9), alt text, speaker notes."""

    id: str
    title: str
    picture: Path
    alt: str
    notes: str


@dataclass(frozen=True)
class Deck:
    """What a deck says: the chapter's title, the lines under it, the figures, the credits."""

    title: str
    subtitle: list[str]
    figures: list[FigureSlide]
    credits_title: str
    credits: list[str]
    core_title: str
    core_subject: str
    author: str


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _background(slide, theme: Theme) -> None:
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = _rgb(theme.bg)


def _write(frame, lines: list[str], size: float, colour: str, bold_first: bool = False) -> None:
    """Replace a text frame's text with `lines`, one paragraph each, in one size and colour;
    every https:// address in them is a hyperlink."""
    frame.clear()
    frame.word_wrap = True
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = PP_ALIGN.LEFT
        for piece in URL.split(line):  # a web address is a link a click opens
            if not piece:
                continue
            run = para.add_run()
            run.text = piece
            run.font.size = Pt(size)
            run.font.color.rgb = _rgb(colour)
            run.font.bold = bool(bold_first and i == 0)
            if URL.fullmatch(piece):
                run.hyperlink.address = piece
        if i:
            para.space_before = Pt(size * 0.6)


def _title_size(text: str) -> float:
    """Points for a figure slide's title, small enough for one line across the slide even in a
    font wider than the theme's Calibri (LibreOffice without Carlito draws DejaVu Sans, about
    20 % wider); the frame also shrinks its text on overflow where the software can."""
    return 26 if len(text) <= 45 else 22 if len(text) <= 58 else 18 if len(text) <= 72 else 15


def _place(shape, left, top, width, height) -> None:
    shape.left, shape.top, shape.width, shape.height = int(left), int(top), int(width), int(height)


def _drop_empty_placeholders(slide) -> None:
    for shape in list(slide.placeholders):
        if shape.is_placeholder and not (shape.has_text_frame and shape.text_frame.text.strip()):
            shape._element.getparent().remove(shape._element)


def _title_slide(prs, deck: Deck, theme: Theme) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE])
    _background(slide, theme)
    title, body = slide.shapes.title, slide.placeholders[1]
    _place(title, Inches(0.8), Inches(1.2), SLIDE_W - Inches(1.6), Inches(1.6))
    _write(title.text_frame, [deck.title], 40, theme.fg, bold_first=True)
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    _place(body, Inches(0.8), Inches(3.1), SLIDE_W - Inches(1.6), Inches(3.6))
    _write(body.text_frame, deck.subtitle, 20, theme.fg)
    body.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    for para in body.text_frame.paragraphs[1:]:
        for run in para.runs:
            run.font.color.rgb = _rgb(theme.muted)
    slide.notes_slide.notes_text_frame.text = "\n".join([deck.title, *deck.subtitle])


def _figure_slide(prs, fig: FigureSlide, theme: Theme) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
    _background(slide, theme)
    title = slide.shapes.title
    _place(title, MARGIN, 0, SLIDE_W - 2 * MARGIN, TITLE_BAND)
    _write(title.text_frame, [fig.title], _title_size(fig.title), theme.fg, bold_first=True)
    title.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    title.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    from PIL import Image

    with Image.open(fig.picture) as image:
        w, h = image.size
    box_w, box_h = SLIDE_W, SLIDE_H - TITLE_BAND
    scale = min(box_w / w, box_h / h)
    width, height = int(w * scale), int(h * scale)
    left, top = (SLIDE_W - width) // 2, TITLE_BAND + (box_h - height) // 2
    pic = slide.shapes.add_picture(str(fig.picture), left, top, width, height)
    c_nv_pr = pic._element.nvPicPr.cNvPr
    c_nv_pr.set("name", f"Figure {fig.id}")
    c_nv_pr.set("descr", fig.alt)
    slide.notes_slide.notes_text_frame.text = fig.notes


def _credits_slide(prs, deck: Deck, theme: Theme) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
    _background(slide, theme)
    title = slide.shapes.title
    _place(title, Inches(0.8), Inches(0.5), SLIDE_W - Inches(1.6), Inches(1.0))
    _write(title.text_frame, [deck.credits_title], 32, theme.fg, bold_first=True)
    box = slide.shapes.add_textbox(Inches(0.8), Inches(1.7), SLIDE_W - Inches(1.6), Inches(5.3))
    _write(box.text_frame, deck.credits, 18, theme.fg)
    slide.notes_slide.notes_text_frame.text = "\n".join(deck.credits)


def _pin_zip(data: bytes) -> bytes:
    """The same package with every entry dated DOS_EPOCH, in the same order and compression."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            pinned = zipfile.ZipInfo(info.filename, date_time=DOS_EPOCH)
            pinned.compress_type = info.compress_type
            pinned.external_attr = 0o644 << 16
            dst.writestr(pinned, src.read(info.filename))
    return out.getvalue()


def deck_bytes(deck: Deck, theme: Theme) -> bytes:
    """The .pptx file of `deck` in `theme`'s palette, as bytes (the same bytes for the same
    inputs). Raises FileNotFoundError for a missing picture, PIL's errors for an unreadable one."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    _title_slide(prs, deck, theme)
    for fig in deck.figures:
        _figure_slide(prs, fig, theme)
    _credits_slide(prs, deck, theme)
    for slide in prs.slides:
        _drop_empty_placeholders(slide)
    props = prs.core_properties
    props.title, props.subject, props.author = deck.core_title, deck.core_subject, deck.author
    props.last_modified_by, props.revision = deck.author, 1
    props.created = props.modified = PINNED_DATE
    props.last_printed = PINNED_DATE
    props.keywords, props.comments = "neural networks; teaching; slides", ""
    buf = io.BytesIO()
    prs.save(buf)
    return _pin_zip(buf.getvalue())
