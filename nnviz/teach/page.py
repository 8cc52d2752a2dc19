"""What a chapter page says about its figures: their reading order, the sentence that introduces
each one, and a short title for its slide.

Reads the page's Markdown (docs/<chapter>.md) as written, with the `{{ fact(...) }}` numbers
filled in from the manifest, so the decks say what the page says.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

FIGURE = re.compile(r'^\s*\{\{\s*figure\(\s*"([^"]+)"[^}]*\}\}\s*$')
FACT = re.compile(r'\{\{\s*fact\(\s*"([^"]+)"\s*,\s*"([^"]+)"\s*\)\s*\}\}')
HEADING = re.compile(r"^(#{2,4})\s+(.*?)\s*#*\s*$")
ADMONITION = re.compile(r'^\s*(?:\?\?\?\+?|!!!)\s+[\w-]+(?:\s+"([^"]*)")?\s*$')
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])")
MAX_TITLE = 80  # characters: a title longer than this is cut to the section heading instead

# A few TeX commands the pages use, as plain text for speaker notes.
_TEX = {r"\times": "×", r"\cdot": "·", r"\sigma": "σ", r"\alpha": "α", r"\delta": "δ", r"\partial": "∂",
        r"\approx": "≈", r"\le": "≤", r"\ge": "≥", r"\to": "→", r"\rightarrow": "→", r"\eta": "η",
        r"\mu": "μ", r"\sum": "Σ", r"\ldots": "…", r"\dots": "…", r"\infty": "∞", r"\pm": "±",
        r"\neq": "≠", r"\ne": "≠", r"\in": "∈", r"\hat": "", r"\mathbf": "", r"\text": "", r"\mathrm": "",
        r"\left": "", r"\right": "", r"\,": " ", r"\;": " ", r"\!": "", r"\quad": " "}


@dataclass(frozen=True)
class PageFigure:
    """One `{{ figure(...) }}` of a page: its id, the section it sits in, the title of the
    admonition around it (or ""), and the sentence before it (plain text, or "")."""

    id: str
    heading: str
    box_title: str
    intro: str


def plain(markdown: str, facts: dict[str, dict[str, str]] | None = None) -> str:
    """`markdown` inline text as plain text: facts filled in, emphasis, code marks, links and
    math delimiters removed, common TeX commands as Unicode."""
    facts = facts or {}
    text = FACT.sub(lambda m: str(facts.get(m[1], {}).get(m[2], m[0])), markdown)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links and images: their text
    text = re.sub(r"\{[:.#][^}]*\}", "", text)  # attribute lists
    def tex(m: re.Match) -> str:
        body = m[1]
        for command in sorted(_TEX, key=len, reverse=True):
            after = r"(?![A-Za-z])" if command[-1].isalpha() else ""
            body = re.sub(re.escape(command) + after, _TEX[command], body)
        body = re.sub(r"\\[A-Za-z]+\s*", "", body)  # any other command: its argument stays
        body = re.sub(r"\\(?:frac)\{([^{}]*)\}\{([^{}]*)\}", r"(\1)/(\2)", body)
        body = re.sub(r"[_^]\{([^{}]*)\}", r"\1", body).replace("{", "").replace("}", "")
        return re.sub(r"(?<=\w)[_^](?=\w)", "", body)
    text = re.sub(r"\$\$?([^$]+)\$\$?", tex, text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    text = re.sub(r"(?<!\w)_(\S[^_]*\S|\S)_(?!\w)", r"\1", text)
    return " ".join(text.split())


def last_sentence(paragraph: str) -> str:
    """The last sentence of a plain-text paragraph."""
    parts = [p for p in SENTENCE_END.split(paragraph.strip()) if p.strip()]
    return parts[-1].strip() if parts else ""


def figures(markdown: str, facts: dict[str, dict[str, str]] | None = None) -> list[PageFigure]:
    """Every `{{ figure(...) }}` on a page in reading order, with its context (see PageFigure).

    The introducing sentence is the last sentence of the nearest paragraph above the figure
    (skipping other figures and display math); a figure that opens an admonition is introduced
    by the admonition's title. Fenced code blocks are skipped."""
    lines = markdown.splitlines()
    found: list[PageFigure] = []
    heading, box, fenced, box_fresh = "", "", False, False
    paragraph: list[str] = []
    last_paragraph = ""
    in_math = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            continue
        if stripped == "$$":
            in_math = not in_math
            paragraph = []
            continue
        if in_math:
            continue
        m = HEADING.match(line)
        if m:
            heading, box, paragraph, last_paragraph = plain(m[2]), "", [], ""
            continue
        m = ADMONITION.match(line)
        if m:
            if paragraph:
                last_paragraph = " ".join(paragraph)
            box, paragraph, box_fresh = plain(m[1] or ""), [], True
            continue
        m = FIGURE.match(line)
        if m:
            if paragraph:
                last_paragraph = " ".join(paragraph)
                paragraph = []
            intro = box if box and box_fresh else last_sentence(plain(last_paragraph, facts))
            found.append(PageFigure(m[1], heading, box, intro))
            continue
        if not stripped:
            if paragraph:
                last_paragraph = " ".join(paragraph)
            paragraph = []
            continue
        if box and not line.startswith("    "):
            box = ""  # the admonition has ended
        box_fresh = False
        paragraph.append(stripped)
    return found


def short_titles(items: list[PageFigure], captions: dict[str, str]) -> dict[str, str]:
    """A short, distinct slide title for each figure: the first clause of its caption (up to
    the first colon or full stop) when that is 2 to MAX_TITLE characters long and no other
    figure's; else, in an admonition (the draws of an animation side by side), the title of the
    figure above followed by the admonition's title; else the section heading. Repeats get
    " (2)", " (3)"."""
    def clause(text: str) -> str:
        first = SENTENCE_END.split(plain(text))[0]
        return re.split(r":\s|:$|\.$", first)[0].strip()

    clauses = {i.id: clause(captions.get(i.id, "")) for i in items}
    counts: dict[str, int] = {}
    for c in clauses.values():
        counts[c] = counts.get(c, 0) + 1
    titles, used, previous = {}, {}, ""
    for item in items:
        c = clauses[item.id]
        if 2 <= len(c) <= MAX_TITLE and len(c.split()) >= 2 and counts[c] == 1:
            title = c
        elif item.box_title and previous:
            title = f"{previous}: {item.box_title[:1].lower()}{item.box_title[1:]}"
        else:
            title = item.heading or item.box_title or item.id.split("/")[-1]
        used[title] = used.get(title, 0) + 1
        titles[item.id] = title if used[title] == 1 else f"{title} ({used[title]})"
        previous = titles[item.id]
    return titles
