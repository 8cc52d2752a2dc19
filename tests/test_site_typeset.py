"""Math typeset at build time (nnviz.site.typeset): KaTeX's HTML in the page, no script needed."""
from __future__ import annotations

from pathlib import Path

import pytest

from nnviz.site.typeset import MathError, formulas, typeset

KATEX = Path(__file__).resolve().parents[1] / "node_modules" / "katex"
PAGE = ('<p>A sum <span class="arithmatex">\\(a &lt; b \\&amp; c\\)</span> and</p>\n'
        '<div class="arithmatex">\\[\\sigma(z) = \\frac{1}{1 + e^{-z}}\\]</div>')


def test_formulas_are_found_unescaped_with_their_mode():
    assert formulas(PAGE) == [("a < b \\& c", False), ("\\sigma(z) = \\frac{1}{1 + e^{-z}}", True)]


def test_each_formula_becomes_katex_html_and_mathml_inside_its_wrapper():
    out = typeset(PAGE, KATEX, "index.md")
    assert out.count('<span class="arithmatex"><span class="katex">') == 1
    assert out.count('<div class="arithmatex"><span class="katex-display">') == 1
    assert '<annotation encoding="application/x-tex">a &lt; b \\&amp; c</annotation>' in out
    assert "<math" in out and 'aria-hidden="true"' in out  # MathML for screen readers, HTML for eyes
    assert "\\(" not in out and "\\[" not in out
    assert out.startswith("<p>A sum ") and "</span> and</p>" in out


def test_a_page_without_math_is_left_alone():
    page = "<p>Costs $5-$10 an hour.</p>"
    assert typeset(page, Path("/nonexistent"), "prices.md") is page  # Node.js not even started


def test_bad_tex_names_the_page_and_the_formula():
    with pytest.raises(MathError, match=r"stairs\.md: KaTeX cannot typeset the formula '\\\\frac\{1\}'"):
        typeset('<span class="arithmatex">\\(\\frac{1}\\)</span>', KATEX, "stairs.md")


def test_missing_katex_is_a_clear_error():
    with pytest.raises(FileNotFoundError, match="make setup"):
        typeset('<span class="arithmatex">\\(x\\)</span>', Path("/nonexistent/katex"), "index.md")
