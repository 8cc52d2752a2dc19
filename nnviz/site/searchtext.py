"""Readable text for the search index: the TeX of a page's math as plain Unicode.

MkDocs' search plugin indexes a page before the build typesets its math (nnviz.site.typeset),
so the index held the TeX source, and search results showed `\\(B_1\\)` and
`\\frac{\\partial L}{\\partial w}`. `readable()` turns every `\\(...\\)` and `\\[...\\]` of an
index text into what the formula says: `B₁`, `∂L/∂w`, `σ(z) = 1/(1 + e⁻ᶻ)`. The parsing is
pylatexenc's (latex2text); this module adds sub- and superscripts in Unicode where every
character has one (`x₁²`, `e⁻ᶻ`) and `_(...)` / `^(...)` where one does not, and spaces around
relations and operators, which TeX's rules would otherwise glue to their neighbours.
"""
from __future__ import annotations

import re

from pylatexenc import latexwalker
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, SpecialsTextSpec
from pylatexenc.latex2text import get_default_latex_context_db as _text_db
from pylatexenc.macrospec import MacroSpec, SpecialsSpec

__all__ = ["tex_to_text", "readable"]

_SUB = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
_SUP = dict(zip("0123456789+-=()abcdefghijklmnoprstuvwxyzT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀ"))
_SUP.update(zip("ABDEGHIJKLMNOPRUVW", "ᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵁⱽᵂ"))
_SUP.update({"−": "⁻", "*": "*", "′": "′"})
_SUB.update({"−": "₋"})


def _script(table: dict[str, str], mark: str):
    def render(node, l2tobj) -> str:
        arg = node.nodeargd.argnlist[0] if node.nodeargd and node.nodeargd.argnlist else None
        text = l2tobj.nodelist_to_text([arg]).strip() if arg is not None else ""
        if text and all(c in table for c in text):
            return "".join(table[c] for c in text)
        return f"{mark}({text})" if len(text) > 1 else f"{mark}{text}"
    return render


def _converter() -> LatexNodes2Text:
    walker_db = latexwalker.get_default_latex_context_db()
    walker_db.add_context_category("nnviz-scripts", prepend=True, specials=[
        SpecialsSpec("_", args_parser=_one_arg()), SpecialsSpec("^", args_parser=_one_arg())],
        macros=[MacroSpec("text", "{"), MacroSpec("mathrm", "{"), MacroSpec("operatorname", "{")])
    text_db = _text_db()
    text_db.add_context_category("nnviz-scripts", prepend=True, specials=[
        SpecialsTextSpec("_", simplify_repl=_script(_SUB, "_")),
        SpecialsTextSpec("^", simplify_repl=_script(_SUP, "^"))],
        macros=[MacroTextSpec("frac", simplify_repl=_frac), MacroTextSpec("dfrac", simplify_repl=_frac),
                MacroTextSpec("tfrac", simplify_repl=_frac),
                MacroTextSpec("qquad", simplify_repl="  "), MacroTextSpec("quad", simplify_repl=" "),
                MacroTextSpec(",", simplify_repl=" "), MacroTextSpec(";", simplify_repl=" "),
                MacroTextSpec("!", simplify_repl=""), MacroTextSpec("left", simplify_repl=""),
                MacroTextSpec("right", simplify_repl=""), MacroTextSpec("cdot", simplify_repl="·"),
                MacroTextSpec("mid", simplify_repl=" | "),
                *(MacroTextSpec(f, simplify_repl=f + " ") for f in ("ln", "log", "exp"))])
    _WALKER["db"] = walker_db
    return LatexNodes2Text(latex_context=text_db, math_mode="text")


def _one_arg():
    from pylatexenc.macrospec import MacroStandardArgsParser
    return MacroStandardArgsParser("{")


def _frac(node, l2tobj) -> str:
    parts = [l2tobj.nodelist_to_text([a]).strip() for a in (node.nodeargd.argnlist if node.nodeargd else []) if a]
    if len(parts) != 2:
        return "/".join(parts)
    wrap = lambda s: s if re.fullmatch(r"[\w.′∂ₐ-ₜ⁰-⁹₀-₉]+|\(.*\)", s) else f"({s})"  # noqa: E731
    return f"{wrap(parts[0])}/{wrap(parts[1])}"


_WALKER: dict = {}
_RELATIONS = "=<>≤≥≈≠←→⇒⇔∈×±"


def tex_to_text(tex: str) -> str:
    """One formula's TeX (without its \\( \\) delimiters) as readable Unicode text.

    `tex_to_text(r"\\sigma(z) = \\frac{1}{1 + e^{-z}}")` gives `σ(z) = 1/(1 + e⁻ᶻ)`. Never raises:
    TeX that pylatexenc cannot parse is returned as it came, without its backslashes."""
    if "converter" not in _WALKER:
        _WALKER["converter"] = _converter()
    try:
        walker = latexwalker.LatexWalker(tex, latex_context=_WALKER["db"], tolerant_parsing=True)
        nodes, _, _ = walker.get_latex_nodes()
        text = _WALKER["converter"].nodelist_to_text(nodes)
    except Exception:  # noqa: BLE001 - a search snippet is never worth a failed build
        text = tex.replace("\\", "")
    text = re.sub(f"\\s*([{_RELATIONS}])\\s*", r" \1 ", text)
    text = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", text))
    text = re.sub(r"\b(ln|log|exp) \(", r"\1(", text)
    return re.sub(r"\s+", " ", text).strip()


_MATH = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", re.S)


def readable(text: str) -> str:
    """`text` (a search index entry's text or title, HTML-escaped) with each \\(...\\) and \\[...\\]
    replaced by the formula's readable text."""
    import html

    def one(m: re.Match) -> str:
        tex = html.unescape(m[1] if m[1] is not None else m[2])
        return html.escape(tex_to_text(tex), quote=False)

    return _MATH.sub(one, text)


def rewrite_index(path) -> int:
    """Rewrite MkDocs' search index (site/search/search_index.json) in place, atomically, with
    every entry's title and text made `readable`; the number of entries changed."""
    import json
    import os
    import tempfile
    from pathlib import Path

    path = Path(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    changed = 0
    for doc in data.get("docs", []):
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                new = readable(doc[key])
                if new != doc[key]:
                    doc[key] = new
                    changed += 1
    fd, tmp = tempfile.mkstemp(prefix=".search-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return changed
