"""Markdown extension: a dollar sign in prose stays a dollar sign; real `$...$` math still renders.

pymdownx.arithmatex takes any `$...$` with no space inside its edges as inline math, so
"costs $5-$10 an hour" typesets "5-" and "$5/$6" typesets "5/": the prices vanish. This
extension applies pandoc's rule for inline TeX math (https://pandoc.org/MANUAL.html#math,
extension `tex_math_dollars`) before arithmatex sees the text:

    the opening $ must have a non-space character immediately to its right, the closing $
    a non-space character immediately to its left, and the closing $ must not be followed
    immediately by a digit.

Math never contains an unescaped `$`, so the first `$` after an opener is its only possible
closer; a `$` that opens no valid pair is literal text. It is turned into Python-Markdown's
escape placeholder, which arithmatex's patterns do not cross and which renders as "$".
Display math (`$$ ... $$` blocks, `\\[ ... \\]`) and `\\( ... \\)` are untouched.

Use: list `nnviz.site.dollars` under `markdown_extensions` in mkdocs.yml, next to arithmatex.
"""
from __future__ import annotations

import re

from markdown import util
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

# A valid inline span (group "math", left alone for arithmatex) or a lone dollar (group "dollar").
DOLLARS = (r"(?P<math>(?<!\\)\$(?![\s$])(?:\\.|[^\\$\x02\x03])+?(?<!\s)\$(?!\d))"
           r"|(?P<dollar>(?<![\\$])\$(?!\$))")

# Between backticks (190: code spans are hidden first) and arithmatex's inline math (189.9).
PRIORITY = 189.95


class ProseDollar(InlineProcessor):
    """Turns each `$` that opens no valid math span into a literal dollar sign."""

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 - Python-Markdown's name
        if m.group("math"):
            return None, None, None  # arithmatex's: skip past the whole span
        return f"{util.STX}{ord('$')}{util.ETX}", m.start(), m.end()


class DollarExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.inlinePatterns.register(ProseDollar(DOLLARS, md), "nnviz-prose-dollar", PRIORITY)


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks up
    return DollarExtension(**kwargs)
