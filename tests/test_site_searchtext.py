"""The search index's math as text (nnviz.site.searchtext): formulas read as a reader reads them."""
import pytest

from nnviz.site.searchtext import readable, tex_to_text


@pytest.mark.parametrize("tex, text", [
    (r"B_1", "B₁"),
    (r"z = w x + b", "z = w x + b"),
    (r"\sigma(z) = \frac{1}{1 + e^{-z}}", "σ(z) = 1/(1 + e⁻ᶻ)"),
    (r"\delta_k = \frac{\partial C}{\partial z_k}", "δₖ = ∂C/∂zₖ"),
    (r"-5 \le x \le 5", "-5 ≤ x ≤ 5"),
    (r"x_{\text{new}}", "x_(new)"),        # no Unicode subscript for every letter: spelled out
    (r"\hat{y}", "ŷ"),
])
def test_a_formula_reads_as_unicode_text(tex, text):
    assert tex_to_text(tex) == text


def test_index_text_keeps_its_prose_and_html_and_loses_the_delimiters():
    assert readable(r"<p>The weight \(B_1\) and \[ a &lt; b \]</p>") == "<p>The weight B₁ and a &lt; b</p>"


def test_tex_it_cannot_parse_still_gives_text_without_backslashes():
    assert "\\" not in tex_to_text(r"\frac{1}{")
