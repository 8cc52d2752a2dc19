"""What a chapter page says about its figures: their reading order, the sentence that introduces
each one, and a short title for its slide.

Reads the page's Markdown (docs/<chapter>.md) as written, with the `{{ fact(...) }}` numbers
filled in from the manifest, so the decks say what the page says.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..site.searchtext import tex_to_text

FIGURE = re.compile(r'^\s*\{\{\s*figure\(\s*"([^"]+)"[^}]*\}\}\s*$')
FACT = re.compile(r'\{\{\s*fact\(\s*"([^"]+)"\s*,\s*"([^"]+)"\s*\)\s*\}\}')
HEADING = re.compile(r"^(#{2,4})\s+(.*?)\s*#*\s*$")
ADMONITION = re.compile(r'^\s*(?:\?\?\?\+?|!!!)\s+[\w-]+(?:\s+"([^"]*)")?\s*$')
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])")
MAX_TITLE = 80  # characters: a title longer than this is cut to the section heading instead
HTML_LINE = re.compile(r"^\s*</?[A-Za-z][^>]*>\s*$")  # a wrapper such as <figure class=...> or </figure>
MACRO_LINE = re.compile(r"^\s*\{\{.*\}\}\s*$|^\s*\{%.*%\}\s*$")
# A sentence that points at the figure it introduces.
REFERS = re.compile(r"\b(?:animation|figure|picture|map|plot|diagram|graph)s? below\b|\bthe (?:next|following) "
                    r"(?:figure|picture|animation)\b|^(?:The|This) animation\b")
COUNT = re.compile(r"\b(?:one|two|three|four|five|\d+) (?:hidden )?(?:neurons?|nodes?|layers?|inputs?|outputs?|classes)\b")


@dataclass(frozen=True)
class PageFigure:
    """One `{{ figure(...) }}` of a page: its id, the section it sits in, the title of the
    admonition around it (or ""), and the sentence before it (plain text, or "")."""

    id: str
    heading: str
    box_title: str
    intro: str


def plain(markdown: str, facts: dict[str, dict[str, str]] | None = None) -> str:
    """`markdown` inline text as plain text: facts filled in, emphasis, code marks and links
    removed, and each `$...$` formula as readable Unicode (nnviz.site.searchtext.tex_to_text, the
    search index's converter: `$-\\frac{1}{N}\\sum_i \\ln \\hat p_{i,y_i}$` gives `-1/N∑ᵢ ln p̂_(i, yᵢ)`)."""
    facts = facts or {}
    text = FACT.sub(lambda m: str(facts.get(m[1], {}).get(m[2], m[0])), markdown)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links and images: their text
    text = re.sub(r"\{[:.#][^}]*\}", "", text)  # attribute lists
    parts = re.split(r"(\$\$?[^$]+\$\$?)", text)
    for i, part in enumerate(parts):
        if i % 2:
            parts[i] = tex_to_text(part.strip("$"))
        else:
            part = re.sub(r"(\*\*|__|\*|`)", "", part)
            parts[i] = re.sub(r"(?<!\w)_(\S[^_]*\S|\S)_(?!\w)", r"\1", part)
    text = "".join(parts)
    return " ".join(text.split())


def last_sentence(paragraph: str) -> str:
    """The last full sentence of a plain-text paragraph: "" when it is a fragment (starts in
    lower case, as a sentence continued after display math does)."""
    parts = [p for p in SENTENCE_END.split(paragraph.strip()) if p.strip()]
    last = parts[-1].strip() if parts else ""
    return last if last[:1].isupper() or last[:1].isdigit() or last[:1] in "“\"(" else ""


def _intro(recent: list[str], last: str, facts) -> str:
    """The sentence introducing a figure: the first sentence of the paragraphs since the figure
    or heading above that points at it (REFERS), else the last full sentence of the paragraph
    above."""
    for para in recent:
        for sentence in SENTENCE_END.split(plain(para, facts)):
            if REFERS.search(sentence) and sentence[:1].isupper():
                return sentence.strip()
    return last_sentence(plain(last, facts))


def figures(markdown: str, facts: dict[str, dict[str, str]] | None = None) -> list[PageFigure]:
    """Every `{{ figure(...) }}` on a page in reading order, with its context (see PageFigure).

    The introducing sentence (see _intro) is a full sentence of the prose above the figure:
    display math is read as part of its paragraph (the text after it often continues the
    sentence), and admonition titles, HTML wrapper lines (`<figure ...>`, `</figure>`), other
    macros, fenced code and other figures are skipped; a figure in an admonition is introduced
    by the prose before the box when the box holds none before it."""
    lines = markdown.splitlines()
    found: list[PageFigure] = []
    heading, box, fenced = "", "", False
    recent: list[str] = []  # paragraphs since the last figure or heading, in order
    current: list[str] = []
    last_paragraph = ""
    math: list[str] | None = None
    after_math = False

    def close() -> None:
        nonlocal current, last_paragraph
        if current:
            last_paragraph = " ".join(current)
            recent.append(last_paragraph)
        current = []

    for line in lines:
        stripped = line.strip()
        if stripped.startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            continue
        if stripped == "$$":
            if math is None:
                math = []
                if not current and recent and not recent[-1].rstrip().endswith((".", "!", "?")):
                    current = [recent.pop()]  # the sentence above goes on in the formula
            else:
                if current and not current[-1].rstrip().endswith((".", "!", "?")):
                    current.append("$" + " ".join(math) + "$")
                    after_math = True
                else:
                    close()  # a formula after a full sentence stands on its own
                math = None
            continue
        if math is not None:
            math.append(stripped)
            continue
        if HTML_LINE.match(line) or (MACRO_LINE.match(line) and not FIGURE.match(line)):
            continue
        m = HEADING.match(line)
        if m:
            close()
            heading, box, recent, last_paragraph = plain(m[2]), "", [], ""
            continue
        m = ADMONITION.match(line)
        if m:
            close()
            box = plain(m[1] or "")
            continue
        m = FIGURE.match(line)
        if m:
            close()
            found.append(PageFigure(m[1], heading, box, _intro(recent, last_paragraph, facts)))
            recent = []
            continue
        if not stripped:
            close()
            continue
        if box and not line.startswith("    "):
            box = ""  # the admonition has ended
        if after_math and not current and recent and stripped[:1].islower():
            current = [recent.pop()]  # the sentence goes on after the display math
        after_math = False
        current.append(stripped)
    return found


def short_titles(items: list[PageFigure], captions: dict[str, str]) -> dict[str, str]:
    """A short, distinct slide title for each figure: the first clause of its caption (up to
    the first colon or full stop) when that is 2 to MAX_TITLE characters long and no other
    figure's; else, in an admonition (the draws of an animation side by side), the title of the
    figure above followed by the admonition's title; else the section heading. Figures that
    would share a title each get what tells them apart in brackets: the count their caption
    names ("12 hidden neurons") when no other of them names it, else the last part of their id; " (2)" only
    as a last resort."""
    def clause(text: str) -> str:
        first = SENTENCE_END.split(plain(text))[0]
        return re.split(r":\s|:$|\.$", first)[0].strip()

    clauses = {i.id: clause(captions.get(i.id, "")) for i in items}
    counts: dict[str, int] = {}
    for c in clauses.values():
        counts[c] = counts.get(c, 0) + 1
    def base(item: PageFigure) -> str:
        c = clauses[item.id]
        if 2 <= len(c) <= MAX_TITLE and len(c.split()) >= 2 and counts[c] == 1:
            return c
        return item.heading or item.box_title or item.id.split("/")[-1]

    def boxed(item: PageFigure) -> bool:
        c = clauses[item.id]
        return not (2 <= len(c) <= MAX_TITLE and len(c.split()) >= 2 and counts[c] == 1) and bool(item.box_title)

    groups: dict[str, list[PageFigure]] = {}
    for i, item in enumerate(items):
        if not (boxed(item) and i):
            groups.setdefault(base(item), []).append(item)
    suffix: dict[str, str] = {}
    for title, group in groups.items():
        if len(group) < 2:
            continue
        found = [COUNT.search(plain(captions.get(g.id, ""))) for g in group]
        phrases = [m[0] for m in found if m]
        for g, m in zip(group, found):
            unique = m is not None and phrases.count(m[0]) == 1
            suffix[g.id] = m[0] if unique else g.id.split("/")[-1].replace("-", " ")
    titles, used, previous = {}, {}, ""
    for i, item in enumerate(items):
        if boxed(item) and previous:
            title = f"{previous}: {item.box_title[:1].lower()}{item.box_title[1:]}"
        else:
            title = base(item) + (f" ({suffix[item.id]})" if item.id in suffix else "")
        used[title] = used.get(title, 0) + 1
        titles[item.id] = title if used[title] == 1 else f"{title} ({used[title]})"
        previous = titles[item.id]
    return titles
