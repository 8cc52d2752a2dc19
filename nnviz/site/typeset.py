"""Math typeset when the site is built, not in the reader's browser.

pymdownx.arithmatex (generic mode) leaves TeX in the page as `<span class="arithmatex">\\(...\\)</span>`
and `<div class="arithmatex">\\[...\\]</div>`. Typesetting it in the browser cost every page with
math a 270-kB script, up to 300 ms of blocked main thread on a phone (Lighthouse) and a layout
shift as each formula grew to its typeset size. Here the same KaTeX (node_modules/katex, pinned by
package-lock.json) renders every formula of a page into HTML + MathML in one Node.js process at
build time; the page then needs only KaTeX's style sheet and fonts, and shows its math at first
paint, with JavaScript off too. The wrapper elements stay, so `.arithmatex` still marks the math.

A formula KaTeX cannot parse stops the build with `MathError`, naming the page and the formula:
a reader would otherwise see raw TeX.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

# arithmatex's generic output; TeX inside is HTML-escaped (&amp;, &lt;, &gt;).
_MATH = re.compile(r'<(span|div) class="arithmatex">\s*\\([(\[])(.*?)\\([)\]])\s*</\1>', re.S)

# Reads [[tex, display], ...] as JSON on stdin, writes [[ok, html_or_message], ...].
_RENDER = r"""
const katex = require(process.argv[1]);
let input = "";
process.stdin.on("data", c => input += c);
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(([tex, display]) => {
    try { return [true, katex.renderToString(tex, {displayMode: display, throwOnError: true, output: "htmlAndMathml"})]; }
    catch (err) { return [false, err.message]; }
  });
  process.stdout.write(JSON.stringify(out));
});
"""


class MathError(ValueError):
    """A formula of a page that KaTeX cannot typeset (the message names the page and the TeX)."""


def formulas(page_html: str) -> list[tuple[str, bool]]:
    """The TeX of every arithmatex element of `page_html`, unescaped, with True for display math."""
    return [(html.unescape(m[3]).strip(), m[1] == "div" or m[2] == "[") for m in _MATH.finditer(page_html)]


def typeset(page_html: str, katex_dir: Path, page: str = "page") -> str:
    """`page_html` with each arithmatex element's TeX replaced by KaTeX's HTML + MathML.

    `katex_dir`: the katex npm package (node_modules/katex). Raises MathError for a formula KaTeX
    rejects, FileNotFoundError when Node.js or KaTeX is missing. A page without math is returned
    unchanged, without starting Node.js.
    """
    found = formulas(page_html)
    if not found:
        return page_html
    node = shutil.which("node")
    if node is None or not (Path(katex_dir) / "package.json").is_file():
        raise FileNotFoundError(f"typesetting the math of {page} needs Node.js and {katex_dir}: run `make setup`")
    run = subprocess.run([node, "-e", _RENDER, str(Path(katex_dir).resolve())], input=json.dumps(found),
                         capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"KaTeX failed on {page}: {run.stderr.strip()[-2000:]}")
    rendered = json.loads(run.stdout)
    for (tex, _), (ok, out) in zip(found, rendered):
        if not ok:
            raise MathError(f"{page}: KaTeX cannot typeset the formula {tex!r}: {out}")
    pieces = iter(out for _, out in rendered)
    return _MATH.sub(lambda m: f'<{m[1]} class="arithmatex">{next(pieces)}</{m[1]}>', page_html)
