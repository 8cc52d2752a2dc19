"""Every figure is readable where it is read: on a phone held upright, inline (issue 22).

A phone: 390 x 844 CSS px, device scale factor 3, touch, in both palettes, on every page of the
nav. Each figure's picture as displayed (the <img> the palette shows, whichever file its <picture>
chose, or the video the player loaded) is looked up in the manifest: its file's smallest text
(`min_text_px` at its design width, the column's or the "narrow" variant's) times displayed width
over design width must be at least MIN_PHONE_TEXT_PX. The page must not scroll sideways, and
figure captions and player controls stay inside the text column's margins. On a 1280-px desktop
the same pages show the column variants.

Figures still without a narrow variant are listed in STILL_SMALL: a figure in the list that has
become readable fails too, so the list can only shrink. One browser for the module; site/ built
once per session (conftest.built_site).
"""
from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest

from conftest import nav_pages
from nnviz.render.theme import MIN_PHONE_TEXT_PX, PHONE_WIDTH

pytestmark = pytest.mark.browser

PHONE = {"width": PHONE_WIDTH, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PAGES = nav_pages()

# Figures whose text is still under MIN_PHONE_TEXT_PX on a phone (no narrow variant yet).
STILL_SMALL: set[str] = set()

# What the page shows, once every figure's picture has loaded: per figure (in page order), the
# displayed file and width; the captions' and players' control bars' boxes; the text column.
SHOWN = """() => {
  const article = document.querySelector("article.md-content__inner");
  const col = article.getBoundingClientRect();
  // a figure an explorable stands in for is hidden (tests/test_explorables_browser.py measures the explorable)
  const figures = [...article.querySelectorAll("figure.nnviz-figure, figure.nnviz-card")]
    .filter(f => f.getClientRects().length).map(f => {
    const media = [...f.querySelectorAll("img, video")].filter(m => m.getClientRects().length
      && m.getBoundingClientRect().width > 0);
    const video = m => m.getAttribute("src") && new URL(m.getAttribute("src"), document.baseURI).href;
    return media.map(m => ({src: m.tagName === "VIDEO" ? video(m) : m.currentSrc,
                            w: m.getBoundingClientRect().width, tag: m.tagName}));
  });
  const boxes = [...article.querySelectorAll("figure figcaption, .nnviz-player__bar")]
    .filter(b => b.getClientRects().length && b.getBoundingClientRect().width > 0)  // not a hidden one
    .map(b => { const r = b.getBoundingClientRect(); return {what: b.className || b.tagName, left: r.left, right: r.right}; });
  const tables = [...article.querySelectorAll("table")].filter(t => t.getClientRects().length)
    .map(t => ({cells: t.rows[0] ? t.rows[0].cells.length : 0, overflow: t.scrollWidth - t.clientWidth}));
  return {figures, boxes, tables, left: col.left, right: col.right,
          scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth};
}"""

# Every picture is wanted now (lazy images load at once) and every player brought near so it
# picks its sources; resolves when each shown image has decoded and each video has a source.
LOAD_ALL = """async () => {
  document.querySelectorAll("article img").forEach(i => { i.loading = "eager"; });
  for (const p of document.querySelectorAll("article .nnviz-player")) {
    p.scrollIntoView({block: "center"});
    const v = p.querySelector("video");
    const until = performance.now() + 10000;  // a player that never picks a source fails below, not here
    while (!v.getAttribute("src") && performance.now() < until) await new Promise(r => requestAnimationFrame(r));
  }
  window.scrollTo(0, 0);
  const shown = [...document.querySelectorAll("article img")].filter(i => i.getClientRects().length);
  await Promise.all(shown.map(i => i.decode().catch(() => null)));
}"""


@pytest.fixture(scope="module")
def variants(built_figures) -> dict[str, tuple[str, dict]]:
    """{file path under figures/: (figure id, {"css_width", "min_text_px", "variant"})} for every
    file of every figure, its column files and its narrow variant's."""
    found = {}
    for fig_id, entry in built_figures.items():
        column = {"css_width": entry["size"][0] / entry["px_per_css"], "min_text_px": entry["min_text_px"],
                  "variant": "column"}
        for rel in entry["files"].values():
            found[rel] = (fig_id, column)
        narrow = entry.get("narrow")
        if narrow:
            record = {"css_width": narrow["size"][0] / narrow["px_per_css"], "min_text_px": narrow["min_text_px"],
                      "variant": "narrow"}
            for rel in narrow["files"].values():
                found[rel] = (fig_id, record)
    return found


def _open(browser, site_server, page_name: str, theme: str, viewport: dict, phone: bool):
    opts = dict(is_mobile=True, has_touch=True, device_scale_factor=3) if phone else dict(device_scale_factor=1)
    ctx = browser.new_context(viewport=viewport, color_scheme=theme, reduced_motion="reduce", **opts)
    ctx.set_default_timeout(20_000)
    page = ctx.new_page()
    page.goto(site_server + page_name, wait_until="load")
    page.evaluate(LOAD_ALL)
    return ctx, page


def _shown(page, variants) -> tuple[list[dict], dict]:
    """Each displayed picture: figure id, variant, displayed width and displayed smallest text."""
    data = page.evaluate(SHOWN)
    shown = []
    for media in data["figures"]:
        assert len(media) == 1, f"a figure shows {len(media)} pictures at once: {media}"
        assert media[0]["src"], f"a player picked no source: {media}"
        path = unquote(urlsplit(media[0]["src"]).path)
        assert "/figures/" in path, f"a figure shows {media[0]['src']!r}, not a built figure"
        rel = path.split("/figures/", 1)[1]
        assert rel in variants, f"{rel} is in no manifest entry"
        fig_id, record = variants[rel]
        text = record["min_text_px"] * media[0]["w"] / record["css_width"] if record["min_text_px"] else None
        shown.append({"id": fig_id, "file": rel, "w": round(media[0]["w"], 1), "text": text, **record})
    return shown, data


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("page_name", PAGES)
def test_on_a_phone_every_figure_is_readable_inline_and_nothing_leaves_the_margins(
        page_name, theme, browser, site_server, variants):
    ctx, page = _open(browser, site_server, page_name, theme, PHONE, phone=True)
    try:
        shown, data = _shown(page, variants)
    finally:
        ctx.close()
    assert data["scrollWidth"] <= data["innerWidth"], \
        f"the page scrolls sideways: {data['scrollWidth']} CSS px wide on a {data['innerWidth']}-px screen"
    cut = [t for t in data["tables"] if t["overflow"] > 1]
    assert not cut, f"tables wider than the text column (they scroll sideways, hiding columns): {cut}"
    outside = [b for b in data["boxes"] if b["left"] < data["left"] - 0.5 or b["right"] > data["right"] + 0.5]
    assert not outside, f"captions or controls outside the text column [{data['left']}, {data['right']}]: {outside}"

    small = {s["id"]: s for s in shown if s["text"] is not None and s["text"] < MIN_PHONE_TEXT_PX}
    twin = ".dark." if theme == "dark" else None
    for s in shown:  # the palette's own twin is shown
        assert (twin in s["file"]) if twin else (".dark." not in s["file"]), f"{s['id']}: {s['file']} in {theme}"
    unexpected = {k: f"{v['text']:.1f} px ({v['variant']}, {v['file']}, {v['w']} px wide)"
                  for k, v in small.items() if k not in STILL_SMALL}
    assert not unexpected, f"figures whose smallest text shows under {MIN_PHONE_TEXT_PX} CSS px: {unexpected}"
    now_readable = sorted(s["id"] for s in shown if s["id"] in STILL_SMALL and s["id"] not in small)
    assert not now_readable, f"readable now, remove from STILL_SMALL: {now_readable}"


@pytest.mark.parametrize("page_name", ["one-neuron.html", "logistic-to-nn.html", "learning.html"])
def test_on_a_desktop_the_column_variants_are_shown(page_name, browser, site_server, variants):
    ctx, page = _open(browser, site_server, page_name, "light", DESKTOP, phone=False)
    try:
        shown, data = _shown(page, variants)
    finally:
        ctx.close()
    assert shown, f"no figure found on {page_name}"
    narrow = [s["file"] for s in shown if s["variant"] != "column"]
    assert not narrow, f"a 1280-px window shows narrow variants: {narrow}"
    assert data["scrollWidth"] <= data["innerWidth"]


TURNED = {"width": 844, "height": 390}  # the phone held sideways: wider than NARROW_MEDIA


def test_the_player_shows_the_narrow_video_upright_and_swaps_when_the_phone_turns(browser, site_server, built_figures):
    entry = built_figures["one-neuron/sigmoid-family"]
    narrow, files = entry["narrow"], entry["files"]
    ctx, page = _open(browser, site_server, "one-neuron.html", "light", PHONE, phone=True)
    try:
        video = page.locator('.nnviz-player video[data-src$="sigmoid-family.mp4"]')
        video.scroll_into_view_if_needed()
        shown = "v => ({src: v.getAttribute('src'), poster: v.getAttribute('poster'), w: v.getAttribute('width'),"\
                " shown: v.getBoundingClientRect().width})"
        page.wait_for_function("v => (v.getAttribute('src') || '').endsWith('.narrow.mp4')", arg=video.element_handle())
        upright = video.evaluate(shown)
        assert upright["src"].endswith(narrow["files"]["mp4"]) and upright["poster"].endswith(narrow["files"]["poster"])
        assert int(upright["w"]) == round(narrow["size"][0] / narrow["px_per_css"])
        assert upright["shown"] <= PHONE["width"], "the narrow video is wider than the screen"

        page.set_viewport_size(TURNED)
        page.wait_for_function("v => (v.getAttribute('src') || '').endsWith('sigmoid-family.mp4')"
                               " && !v.getAttribute('src').includes('.narrow.')", arg=video.element_handle())
        turned = video.evaluate(shown)
        assert turned["src"].endswith(files["mp4"]) and turned["poster"].endswith(files["poster"])
        assert int(turned["w"]) == round(entry["size"][0] / entry["px_per_css"])

        page.set_viewport_size(PHONE)
        page.wait_for_function("v => (v.getAttribute('src') || '').endsWith('.narrow.mp4')", arg=video.element_handle())
    finally:
        ctx.close()
