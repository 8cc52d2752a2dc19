"""The syntax of page macros: finding `{{ name("arg", key="value") }}` in Markdown, outside
fenced code blocks and inline code spans, and reading its arguments (string literals only).

Used by nnviz.site.macros, which expands what is found.
"""

from __future__ import annotations

import ast
import re
from typing import Iterable


class MacroError(ValueError):
    """A macro that cannot be expanded: unknown name, id, fact or file, or bad arguments."""


MACRO = re.compile(r"\{\{\s*(?P<call>[A-Za-z_]\w*\s*\(.*?\))\s*\}\}")
_ARG = re.compile(
    r"""\s*(?:(?P<key>[A-Za-z_]\w*)\s*=\s*)?(?P<val>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')\s*"""
)
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
# A code span may wrap onto the next line but never crosses a blank line (a new paragraph).
_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?:[^\n]|\n(?![ \t]*\n))+?(?<!`)(?P=ticks)(?!`)")


def parse_call(call: str) -> tuple[str, list[str], dict[str, str]]:
    """'figure("a/b", as="gif")' -> ("figure", ["a/b"], {"as": "gif"}). Arguments are string literals."""
    m = re.fullmatch(r"\s*(?P<name>[A-Za-z_]\w*)\s*\((?P<args>.*)\)\s*", call, re.S)
    if not m:
        raise MacroError(f"cannot parse macro {call!r}")
    name, rest = m["name"], m["args"]
    args: list[str] = []
    kwargs: dict[str, str] = {}
    pos = 0
    while rest[pos:].strip():
        a = _ARG.match(rest, pos)
        if not a:
            raise MacroError(f"cannot parse arguments of {call!r}: use quoted strings, e.g. figure(\"chapter/name\")")
        value = ast.literal_eval(a["val"])
        if a["key"]:
            kwargs[a["key"]] = value
        elif kwargs:
            raise MacroError(f"positional argument after keyword argument in {call!r}")
        else:
            args.append(value)
        pos = a.end()
        if pos < len(rest):
            if rest[pos] != ",":
                raise MacroError(f"cannot parse arguments of {call!r}")
            pos += 1
    return name, args, kwargs


def code_regions(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks and inline code spans, where macros are not expanded."""
    regions: list[tuple[int, int]] = []
    pos = 0
    fence: str | None = None
    start = 0
    prose_start = 0
    for line in text.splitlines(keepends=True):
        m = _FENCE.match(line)
        if fence is None and m:
            regions.extend((prose_start + s, prose_start + e) for s, e in _spans(text[prose_start:pos]))
            fence, start = m["fence"], pos
        elif fence is not None and m and m["fence"][0] == fence[0] and len(m["fence"]) >= len(fence) \
                and not line[m.end():].strip():
            regions.append((start, pos + len(line)))
            fence, prose_start = None, pos + len(line)
        pos += len(line)
    if fence is not None:
        regions.append((start, len(text)))
    else:
        regions.extend((prose_start + s, prose_start + e) for s, e in _spans(text[prose_start:]))
    return regions


def _spans(prose: str) -> Iterable[tuple[int, int]]:
    return (m.span() for m in _CODE_SPAN.finditer(prose))


def has_macros(text: str) -> bool:
    return "{{" in text and MACRO.search(text) is not None
