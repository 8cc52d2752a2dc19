"""The figures as a reader's browser shows them (issue 13), measured in Debian's Chromium:

- sharp on high-density screens: at device scale factor 2, every figure (image, video, gallery
  thumbnail) has at least 2 image pixels per CSS pixel it is displayed at; SVGs are vector;
- no light box in the dark palette: the median brightness of the pixels along the border of every
  displayed figure (image, video frame or poster) stays dark;
- wide figures (class nnviz-wide) have room for the wide slot (928 CSS px at 1280 px: the
  column and the table of contents they may cover), and the whole content area on a phone;
- on a 390-px phone a figure fits the column and opens, by touch and by keyboard, in the
  lightbox as the full-resolution file of the reader's palette (that it is shown there large
  enough to read, and scrolls sideways, is tests/test_site_phone.py's).

One browser per module; site/ built once per session (conftest.built_site).
"""

from __future__ import annotations

import posixpath
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

import numpy as np
import pytest
from conftest import nav_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCHEMES = {"light": "default", "dark": "slate"}
MIN_DENSITY = 2.0         # image px per CSS px (issue 13: rasters at 2 device px per CSS px)
DARK_BORDER_MAX = 96      # mean border brightness, 0-255; the slate background is about 33
PHONE = {"width": 390, "height": 844}




PAGES = nav_pages()




@pytest.fixture(scope="module")
def open_page(browser, site_server):
    """open(kind, theme, page) -> a Playwright page; kind "desktop" (1280 px, scale 2) or "phone"
    (390 px, scale 2, touch). One context per (kind, theme), offline."""
    made = {}

    def open_(kind: str, theme: str, name: str):
        if (kind, theme) not in made:
            opts = dict(viewport={"width": 1280, "height": 900}) if kind == "desktop" else \
                dict(viewport=PHONE, is_mobile=True, has_touch=True)
            ctx = browser.new_context(color_scheme=theme, device_scale_factor=2, **opts)
            ctx.set_default_timeout(15_000)
            ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
                (site_server, "data:", "blob:")) else route.abort())
            made[kind, theme] = (ctx, ctx.new_page())
        page = made[kind, theme][1]
        page.goto(site_server + name, wait_until="load")
        assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[theme]
        return page

    yield open_
    for ctx, _ in made.values():
        ctx.close()


@pytest.fixture(scope="module")
def by_file(built_figures) -> dict[str, tuple[str, dict]]:
    """{path under figures/: (role, manifest entry)}, role e.g. "png", "png_dark", "poster"."""
    return {rel: (key, entry) for entry in built_figures.values() for key, rel in entry.get("files", {}).items()}


def _figure_of(src: str, by_file) -> tuple[str, dict | None]:
    path = unquote(urlsplit(src).path)
    rel = path.split("/figures/", 1)[1] if "/figures/" in path else posixpath.basename(path)
    return by_file.get(rel, (rel, None))


# Where a figure's picture is drawn, in viewport CSS px: its content box, letterboxed by
# object-fit (videos and gallery thumbnails use contain).
PICTURE_BOX = """(m) => {
  const video = m.tagName === "VIDEO";
  const nw = video ? m.videoWidth : m.naturalWidth, nh = video ? m.videoHeight : m.naturalHeight;
  const r = m.getBoundingClientRect(), s = getComputedStyle(m), px = (v) => parseFloat(v) || 0;
  let x = r.left + px(s.borderLeftWidth) + px(s.paddingLeft), y = r.top + px(s.borderTopWidth) + px(s.paddingTop);
  let w = r.width - px(s.borderLeftWidth) - px(s.paddingLeft) - px(s.borderRightWidth) - px(s.paddingRight);
  let h = r.height - px(s.borderTopWidth) - px(s.paddingTop) - px(s.borderBottomWidth) - px(s.paddingBottom);
  if ((s.objectFit === "contain" || s.objectFit === "scale-down") && nw && nh) {
    let k = Math.min(w / nw, h / nh);
    if (s.objectFit === "scale-down") k = Math.min(k, 1);
    x += (w - nw * k) / 2; y += (h - nh * k) / 2; w = nw * k; h = nh * k;
  }
  return {x, y, w, h, nw, nh};
}"""

# Every figure shown in the article (not the other palette's twin; collapsed blocks opened),
# loaded: lazy images at once; each video scrolled to, since a player may give it its source
# only near the viewport, then its metadata. Kept in window.__figures for SCROLL_TO.
FIGURES = """async () => {
  document.querySelectorAll("article details").forEach(d => { d.open = true; });  // as a reader opens them
  const within = (p, ms) => Promise.race([p, new Promise(r => setTimeout(r, ms))]);
  const event = (el, ...names) => new Promise(r => names.forEach(n => el.addEventListener(n, r, {once: true})));
  const shown = [...document.querySelectorAll("article img, article video")].filter(m => m.getClientRects().length);
  const images = shown.filter(m => m.tagName === "IMG");
  images.forEach(i => { i.loading = "eager"; });
  await within(Promise.all(images.map(i => i.complete ? null : event(i, "load", "error"))), 10000);
  for (const v of shown.filter(m => m.tagName === "VIDEO")) {
    if (v.readyState >= 2) continue;
    v.scrollIntoView({block: "center", behavior: "instant"});
    const source = () => v.currentSrc || v.getAttribute("src") || v.querySelector("source[src]");
    for (let t = 0; t < 30 && !source(); t++) await new Promise(r => setTimeout(r, 100));
    if (v.preload === "none") v.preload = "auto";
    const ready = event(v, "loadeddata", "error");
    if (v.readyState === 0 && source() && v.networkState !== 2) v.load();
    await within(ready, 5000);
  }
  scrollTo({top: 0, behavior: "instant"});
  // an explorable mounted on the way (near the viewport) hides the animation it stands in for
  const kept = shown.filter(m => m.getClientRects().length);
  window.__figures = kept;
  return kept.map(m => {
    const video = m.tagName === "VIDEO";
    const src = video ? (m.currentSrc || m.src || (m.querySelector("source") || {}).src || "") : m.currentSrc;
    return {tag: m.tagName.toLowerCase(), src, poster: video ? m.poster : null,
            svg: !video && /\\.svg(#|$)/.test(src), ...(PICTURE_BOX)(m)};
  });
}""".replace("PICTURE_BOX", PICTURE_BOX)


# Figure i scrolled to the middle of the viewport at once (Material scrolls smoothly), its box.
SCROLL_TO = """(i) => { const m = window.__figures[i];
  m.scrollIntoView({block: "center", inline: "nearest", behavior: "instant"});
  return (PICTURE_BOX)(m); }""".replace("PICTURE_BOX", PICTURE_BOX)


def _figures(page) -> list[dict]:
    return page.evaluate(FIGURES)


# ---------------------------------------------------------------- sharp at 2x


@pytest.mark.parametrize("name", PAGES)
def test_every_figure_has_two_image_pixels_per_css_pixel(name, open_page, by_file):
    figures = _figures(open_page("desktop", "light", name))
    soft = []
    for f in figures:
        if f["svg"]:
            continue  # vector: as sharp as the screen at any size
        role, entry = _figure_of(f["src"], by_file)
        if not f["nw"]:
            soft.append(f"{f['src']}: not decoded")
        elif f["nw"] < MIN_DENSITY * f["w"] - 1:  # 1 image px of rounding
            who = entry["id"] if entry else f["src"]
            soft.append(f"{who} ({role}, {f['tag']}): {f['nw']}x{f['nh']} image px shown at "
                        f"{f['w']:.0f}x{f['h']:.0f} CSS px = {f['nw'] / f['w']:.2f} per CSS px")
    assert soft == [], f"{name}: {len(soft)} of {len(figures)} figures under {MIN_DENSITY:g} image px per CSS px:\n  " \
                       + "\n  ".join(soft)


# ---------------------------------------------------------------- no light box in the dark


def border_brightness(png: bytes, ring: int) -> float:
    """Brightness (Rec. 709 luma, 0-255) of the `ring`-pixel frame along the edges of a PNG: the
    median, i.e. the colour of the edge itself. Not the mean: labels that touch the edge of a dark
    figure (titles, tick labels) lift the mean of the dark grids of random-families to 98-111."""
    from PIL import Image

    rgb = np.asarray(Image.open(BytesIO(png)).convert("RGB"), dtype=float)
    luma = rgb @ np.array([0.2126, 0.7152, 0.0722])
    mask = np.zeros(luma.shape, bool)
    mask[:ring], mask[-ring:], mask[:, :ring], mask[:, -ring:] = True, True, True, True
    return float(np.median(luma[mask]))


HIDE_CHROME = """() => { const s = document.createElement("style");
  s.textContent = ".md-header, .md-tabs, .md-top { visibility: hidden !important; }";
  document.head.append(s); document.querySelectorAll("video").forEach(v => v.pause()); }"""


@pytest.mark.parametrize("name", PAGES)
def test_no_figure_shows_a_light_box_in_the_dark_palette(name, open_page, by_file):
    page = open_page("desktop", "dark", name)
    figures = _figures(page)
    page.evaluate(HIDE_CHROME)
    light = []
    for i, f in enumerate(figures):
        box = page.evaluate(SCROLL_TO, i)
        # The picture's box, 1 CSS px in from its edge (anti-aliasing); the frame is 3 CSS px thick.
        clip = {"x": box["x"] + 1, "y": box["y"] + 1, "width": box["w"] - 2, "height": box["h"] - 2}
        if clip["width"] < 8 or clip["height"] < 8 or clip["y"] < 0 or clip["y"] + clip["height"] > page.viewport_size["height"]:
            light.append(f"{f['src']}: cannot measure, {box['w']:.0f}x{box['h']:.0f} CSS px at y={box['y']:.0f}")
            continue
        mean = border_brightness(page.screenshot(clip=clip), ring=3 * 2)  # device scale 2
        if mean > DARK_BORDER_MAX:
            role, entry = _figure_of(f["poster"] or f["src"], by_file)
            who = entry["id"] if entry else f["src"]
            light.append(f"{who} ({f['tag']}, {role}): border brightness {mean:.0f} (median)")
    assert light == [], f"{name}: {len(light)} of {len(figures)} figures show a light box in the dark palette " \
                        f"(border brightness over {DARK_BORDER_MAX}):\n  " + "\n  ".join(light)


def test_border_brightness_tells_a_white_box_from_a_dark_one():
    from PIL import Image

    def png(colour, *patches) -> bytes:
        im = Image.new("RGB", (40, 30), colour)
        for box, fill in patches:
            im.paste(fill, box)
        buf = BytesIO()
        im.save(buf, "PNG")
        return buf.getvalue()

    white, dark = (255, 255, 255), (30, 33, 41)
    assert border_brightness(png(white), 3) == pytest.approx(255)
    assert border_brightness(png(white, ((6, 6, 34, 24), (0, 0, 0))), 3) > DARK_BORDER_MAX  # dark inside only
    assert border_brightness(png(dark, ((6, 6, 34, 24), white)), 3) < DARK_BORDER_MAX  # light inside only
    assert border_brightness(png(dark, ((0, 0, 16, 4), white)), 3) < DARK_BORDER_MAX  # a label on the edge


# ---------------------------------------------------------------- the wide slot


WIDE = """() => {
  const article = document.querySelector("article.md-content__inner");
  const src = document.querySelector("article figure.nnviz-figure img").getAttribute("src");
  article.insertAdjacentHTML("afterbegin",
    `<figure class="nnviz-figure nnviz-wide" id="wide-probe"><p><img src="${src}" width="3000" height="1000"></p></figure>`);
  const box = (sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return [r.left, r.right]; };
  const toc = document.querySelector(".md-sidebar--secondary");
  const out = {wide: box("#wide-probe img"), content: box(".md-content"), column: box("article"),
               grid: box(".md-main__inner"), scroll: document.scrollingElement.scrollWidth, viewport: innerWidth,
               toc: toc && toc.getClientRects().length && getComputedStyle(toc).display !== "none" ? box(".md-sidebar--secondary") : null};
  document.getElementById("wide-probe").remove();
  return out;
}"""


def test_a_wide_figure_may_cover_the_table_of_contents_next_to_the_column(open_page):
    from nnviz.render.theme import SLOTS

    got = open_page("desktop", "light", "one-neuron.html").evaluate(WIDE)
    left, right = got["wide"]
    assert got["toc"] is not None, "no table of contents at 1280 px: the layout changed"
    assert left == pytest.approx(got["column"][0], abs=1), got  # starts with the text column
    assert right - left >= SLOTS["wide"].width, f"room for {right - left:.0f} CSS px, the wide slot is " \
                                                f"{SLOTS['wide'].width}: {got}"
    assert right <= got["toc"][1] + 1 and got["scroll"] <= got["viewport"], got


def test_on_a_phone_a_wide_figure_keeps_to_the_text_column(open_page):
    """Issue 22: on a phone a wide figure shows its narrow variant inside the page's margins, with
    its caption and controls (issue 13 had it run from one screen edge to the other)."""
    got = open_page("phone", "light", "one-neuron.html").evaluate(WIDE)
    assert got["wide"] == pytest.approx(got["column"], abs=1), got
    assert got["scroll"] <= got["viewport"], f"the page scrolls sideways: {got}"


# ---------------------------------------------------------------- phone: fits, opens full size


STILLS = """() => { document.querySelectorAll("article details").forEach(d => { d.open = true; });
  return [...document.querySelectorAll("article figure.nnviz-figure img")]
  .filter(i => i.getClientRects().length).map(i => {
    const a = i.closest("a.glightbox"), r = i.getBoundingClientRect();
    const box = i.closest("figure").parentElement, bs = getComputedStyle(box);  // article, admonition...
    const room = box.clientWidth - parseFloat(bs.paddingLeft) - parseFloat(bs.paddingRight);
    return {src: new URL(i.getAttribute("src"), location.href).href, w: r.width, attr: Number(i.getAttribute("width")) || null,
            column: room, href: a ? a.href : null,
            gallery: a ? a.dataset.gallery : null};
  }); }"""


@pytest.mark.parametrize("theme", list(SCHEMES))
@pytest.mark.parametrize("name", [p for p in PAGES if p not in ("gallery.html", "index.html", "about.html")])
def test_on_a_phone_every_still_fits_and_opens_its_full_resolution_file(name, theme, open_page):
    page = open_page("phone", theme, name)
    stills = page.evaluate(STILLS)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"], f"{name} scrolls sideways"
    wrong = []
    for s in stills:
        expect = min(s["attr"] or s["column"], s["column"])
        if abs(s["w"] - expect) > 1:
            wrong.append(f"{s['src']}: {s['w']:.0f} CSS px wide, expected {expect:.0f} (its size or the room it has)")
        if s["href"] is None:
            wrong.append(f"{s['src']}: does not open in the lightbox")
        elif s["href"] != s["src"] or s["gallery"] != theme:
            wrong.append(f"{s['src']}: the lightbox shows {s['href']} (gallery {s['gallery']!r}), not the same file")
    assert wrong == [], f"{theme} {name}:\n  " + "\n  ".join(wrong)


SLIDE = """() => { const box = document.querySelector(".glightbox-container");
  const i = box && document.querySelector(".gslide.current .gslide-image img");
  return box && i && i.complete ? {src: i.currentSrc, nw: i.naturalWidth, w: i.getBoundingClientRect().width,
    alt: i.alt, focusInside: box.contains(document.activeElement)} : null; }"""


@pytest.mark.parametrize("theme", list(SCHEMES))
def test_on_a_phone_tapping_a_figure_opens_its_file_in_the_lightbox(theme, open_page, by_file):
    page = open_page("phone", theme, "one-neuron.html")
    img = page.locator("article figure.nnviz-figure img:visible").first
    img.scroll_into_view_if_needed()
    inline = img.evaluate("i => ({src: i.currentSrc, w: i.getBoundingClientRect().width, alt: i.alt})")
    # inline, the phone variant (issue 22); the lightbox opens the column file of the same palette
    assert ".narrow." in inline["src"], inline
    column = urlsplit(inline["src"].replace(".narrow.", ".")).path
    role, entry = _figure_of(column, by_file)
    assert entry is not None and role == ("png" if theme == "light" else "png_dark"), (role, inline)

    img.tap()
    page.wait_for_function(f"({SLIDE})() !== null")
    slide = page.evaluate(SLIDE)
    assert urlsplit(slide["src"]).path == column and slide["nw"] == entry["size"][0], (slide, entry["size"])
    assert slide["alt"] == inline["alt"] != ""
    # the lightbox fades in: measure contrast once its animations have finished
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    page.add_script_tag(path=str(AXE))
    blocking = page.evaluate("async () => (await axe.run(document)).violations"
                             ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)")
    assert blocking == [], f"axe in the open lightbox: {blocking}"

    page.locator(".gclose").tap()
    page.wait_for_selector(".glightbox-container", state="detached")


@pytest.mark.parametrize("theme", list(SCHEMES))
def test_the_keyboard_opens_a_figure_in_the_lightbox_and_closes_it_again(theme, open_page):
    page = open_page("desktop", theme, "one-neuron.html")
    link = page.locator("article figure.nnviz-figure a.glightbox:visible").first
    link.focus()
    src = link.evaluate("a => a.querySelector('img').currentSrc")
    page.keyboard.press("Enter")
    page.wait_for_function(f"({SLIDE})() !== null")
    assert page.evaluate(SLIDE)["src"] == src
    page.keyboard.press("Tab")
    assert page.evaluate(SLIDE)["focusInside"], "Tab leaves the open lightbox"
    page.keyboard.press("Escape")
    page.wait_for_selector(".glightbox-container", state="detached")
    assert link.evaluate("a => a === document.activeElement"), "focus does not return to the figure"
