"""The figure macro's image markup for issue 13: images carry their CSS size (image px / px_per_css)
so nothing shifts while loading, and a figure whose slot is "wide" gets the class the CSS widens."""

from __future__ import annotations

import re

import pytest

from nnviz.site.macros import MacroError, Manifest, css_size, expand


def _entry(**extra) -> dict:
    return {"id": "one/curve", "chapter": "one", "name": "curve", "kind": "png", "caption": "A curve.",
            "alt": "A bell curve", "files": {"png": "one/curve.png", "png_dark": "one/curve.dark.png"},
            "size": [1376, 860], **extra}


def _page(entry: dict, call: str = '{{ figure("one/curve") }}') -> str:
    return expand(call, Manifest({"figures": [entry]}), page="one.md")


def _sizes(markdown: str) -> list[tuple[str, str]]:
    return re.findall(r'width="(\d+)" height="(\d+)"', markdown)


def test_images_get_the_css_size_from_the_manifest_px_per_css():
    out = _page(_entry(px_per_css=4))
    assert _sizes(out) == [("344", "215"), ("344", "215")]  # both twins, 1376 / 4 and 860 / 4


def test_without_px_per_css_images_are_taken_as_drawn_at_two_pixels_per_css_px():
    assert _sizes(_page(_entry())) == [("688", "430"), ("688", "430")]
    assert css_size(_entry(size=[961, 601])) == (480, 300)  # rounded (480.5 rounds to even)


def test_an_entry_without_size_gets_no_size_attributes():
    entry = _entry()
    del entry["size"]
    assert css_size(entry) is None and "width=" not in _page(entry)


@pytest.mark.parametrize("bad", [0, -2, "2", True, None])
def test_a_bad_px_per_css_is_an_error_naming_the_figure(bad):
    with pytest.raises(MacroError, match=r"one/curve.*px_per_css"):
        _page(_entry(px_per_css=bad))


def test_a_wide_figure_gets_the_wide_class_and_a_column_figure_does_not():
    assert 'class: "nnviz-figure nnviz-wide"' in _page(_entry(slot="wide"))
    for entry in (_entry(slot="column"), _entry()):
        assert "nnviz-wide" not in _page(entry)


def test_an_unknown_slot_is_an_error_naming_it():
    with pytest.raises(MacroError, match=r"slot 'huge'"):
        _page(_entry(slot="huge"))


def test_gallery_thumbnails_carry_the_css_size_too():
    out = _page(_entry(px_per_css=2), "{{ gallery() }}")
    assert _sizes(out) == [("688", "430"), ("688", "430")]
