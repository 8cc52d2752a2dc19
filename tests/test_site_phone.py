"""An enlarged figure on a phone is large enough to read (issue: "where its labels fall below about
9 px there, tapping it must show it large enough to read"), measured in Debian's Chromium.

Figures are drawn for their slot (688 CSS px for the column) with text of at least `min_text_px`
(manifest). On a 390-px phone (device scale 2, touch) a column figure shows about 358 px wide, its
text about 6 px. Tapping it (or Enter on its link) opens GLightbox, which assets/js/lightbox-pan.js
makes show the image at its design width in a strip that scrolls sideways: text at its designed size,
at least READABLE_PX. The strip scrolls by touch and by the arrow keys, the close button is visible
and named, Escape closes, focus returns to the figure, in both palettes (each its own twin), with
reduced motion, and nothing is fetched from outside the local server. A desktop window keeps
GLightbox's own fitted view.

One browser for the module; site/ built once per session (conftest.built_site).
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest
from conftest import frames_drawn

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
READABLE_PX = 9  # smallest text a reader can read on a phone, CSS px (issue 13: "about 9 px")

# The figures tapped: a raster of the column slot, and an SVG one (vector: GLightbox cannot size
# it by its pixels) opened from the keyboard.
TAPPED = ("one-neuron.html", "one-neuron/gaussian-pdf")
KEYED = ("learning.html", "learning/network-5-2-2-1")

# The slide on screen, once its image is decoded: what is shown and where.
SLIDE = """() => { const box = document.querySelector(".glightbox-container");
  const i = box && document.querySelector(".gslide.current .gslide-image img");
  if (!i || !i.complete || !i.naturalWidth) return null;
  const r = i.getBoundingClientRect(), strip = i.closest(".gslide-image");
  const desc = i.closest(".gslide").querySelector(".gslide-description");
  return {src: i.currentSrc, w: r.width, top: r.top, bottom: r.bottom, pan: i.closest(".gslide").classList.contains("nnviz-pan"),
          stripBottom: strip.getBoundingClientRect().bottom,
          captionTop: desc && desc.getClientRects().length ? desc.getBoundingClientRect().top : Infinity,
          scrollLeft: strip.scrollLeft, room: strip.clientWidth, stripFocused: document.activeElement === strip,
          stripName: strip.getAttribute("aria-label")}; }"""

# Resolves once the shown slide's strip has kept its scroll position (and the same slide is shown)
# for 10 frames in a row: a fling or a smooth scroll has come to rest, however slow the machine.
AT_REST = """() => new Promise(done => {
  const where = () => { const s = document.querySelector(".gslide.current .gslide-image");
                        return s ? s.scrollLeft + "@" + document.querySelector(".gslide.current img").src : ""; };
  let last = null, same = 0;
  const step = () => { const now = where(); same = now === last ? same + 1 : 0; last = now;
                       if (same >= 10) done(); else requestAnimationFrame(step); };
  step(); })"""

# How long GLightbox's opening effect (class gzoomIn) lasts in the open lightbox, in seconds.
ZOOM_SECONDS = """() => { const probe = document.createElement("div");
  probe.className = "gslide gzoomIn"; document.querySelector(".glightbox-container").append(probe);
  const d = getComputedStyle(probe).animationDuration; probe.remove(); return parseFloat(d); }"""




@pytest.fixture
def open_page(browser, site_server):
    """open(page, theme, phone=True, reduced_motion="no-preference") -> (Playwright page, the list
    of requests that tried to leave the local server). Phone: 390x844, scale 2, touch."""
    made, outside = [], []

    def keep_local(route):
        url = route.request.url
        if url.startswith((site_server, "data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    def open_(name: str, theme: str, phone: bool = True, reduced_motion: str = "no-preference"):
        opts = dict(viewport=PHONE, is_mobile=True, has_touch=True) if phone else \
            dict(viewport={"width": 1280, "height": 900})
        ctx = browser.new_context(color_scheme=theme, device_scale_factor=2, reduced_motion=reduced_motion, **opts)
        ctx.set_default_timeout(15_000)
        ctx.route("**/*", keep_local)
        made.append(ctx)
        page = ctx.new_page()
        page.goto(site_server + name, wait_until="load")
        return page, outside

    yield open_
    for ctx in made:
        ctx.close()


def _design(built_figures, figure_id: str) -> tuple[float, float]:
    """(design width in CSS px, smallest text in CSS px at that width) of a figure, from the manifest."""
    entry = built_figures[figure_id]
    return entry["size"][0] / entry["px_per_css"], entry["min_text_px"]


def _link_of(page, figure_id: str, theme: str):
    """The shown twin's lightbox link of a figure: the <a> around the <img> of the reader's palette."""
    twin = "only-light" if theme == "light" else "only-dark"
    chapter, name = figure_id.split("/")
    link = page.locator(f'article a.glightbox[href*="figures/{chapter}/{name}."][href$="#{twin}"]')
    assert link.count() == 1, f"{figure_id}: {link.count()} links for the {theme} twin"
    return link


def _inline(link) -> dict:
    """The figure as shown inline: its width, and the file the lightbox opens (the link's: the column
    picture at its design width, even where a <picture> shows its narrow variant inline, issue 22)."""
    return link.evaluate("a => { const i = a.querySelector('img'); i.loading = 'eager';"
                         " return {src: a.href, w: i.getBoundingClientRect().width}; }")


def _opened(page) -> dict:
    """The slide on screen once its image is decoded, GLightbox has set it up and its opening
    effect has ended (no animation runs)."""
    page.wait_for_function(f"""() => ({SLIDE})() !== null && document.querySelector(".gslide.current.loaded")
        && !document.getAnimations().some(a => a.playState === "running")""")
    frames_drawn(page, 2)  # one more frame for the last style change
    return page.evaluate(SLIDE)


def _swipe_left(page, distance: float, y: float) -> None:
    """One finger drawn `distance` CSS px to the left at height `y` (across the figure)."""
    cdp = page.context.new_cdp_session(page)
    x = PHONE["width"] * 0.8
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for k in range(1, 11):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x - distance * k / 10, "y": y}]})
        frames_drawn(page, 1)  # one move a frame, as a finger is sampled
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()
    page.evaluate(AT_REST)  # the fling comes to rest


def _is_focused(link) -> bool:
    return link.evaluate("a => a === document.activeElement")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_tapping_a_figure_on_a_phone_shows_it_at_a_readable_size_that_scrolls_sideways(theme, open_page, built_figures):
    page, outside = open_page(TAPPED[0], theme)
    css_width, min_text = _design(built_figures, TAPPED[1])
    link = _link_of(page, TAPPED[1], theme)
    link.scroll_into_view_if_needed()
    inline = _inline(link)
    assert min_text * inline["w"] / css_width < READABLE_PX, \
        f"{TAPPED[1]}'s column picture is readable at phone width ({inline}): pick a figure this test can fail on"

    link.locator("img").tap()
    slide = _opened(page)
    assert unquote(urlsplit(slide["src"]).path) == unquote(urlsplit(inline["src"]).path), "not the same twin"
    text = min_text * slide["w"] / css_width
    assert slide["w"] >= 0.75 * css_width and text >= READABLE_PX, \
        f"enlarged to {slide['w']:.0f} of {css_width:.0f} CSS px: text {text:.1f} px (inline " \
        f"{min_text * inline['w'] / css_width:.1f} px)"
    assert slide["pan"] and slide["w"] > slide["room"], slide
    assert 0 <= slide["top"] and slide["bottom"] <= PHONE["height"], f"not all of its height is on screen: {slide}"
    hint = page.evaluate("""() => { const h = document.querySelector(".gslide.current .nnviz-pan-hint");
      if (!h) return "no hint"; const r = h.getBoundingClientRect();
      const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return at === h || h.contains(at) ? "seen" : `covered by ${at && at.className}`; }""")
    assert hint == "seen", f"the swipe hint is not seen: {hint}"
    assert slide["stripBottom"] <= slide["captionTop"] + 1, f"the caption panel covers the figure: {slide}"

    _swipe_left(page, 200, (slide["top"] + slide["bottom"]) / 2)
    after = page.evaluate(SLIDE)
    assert after is not None and after["src"] == slide["src"], "the swipe left the figure (next slide or closed)"
    assert after["scrollLeft"] >= 100, f"a 200-px swipe scrolled the figure by {after['scrollLeft']} px"

    close = page.get_by_role("button", name="Close")
    assert close.is_visible() and close.bounding_box()["width"] >= 24, "no visible Close button"
    close.tap()
    page.wait_for_selector(".glightbox-container", state="detached")
    assert _is_focused(link), "focus does not return to the figure"
    assert outside == [], f"requests left the local server: {outside}"


def test_enter_on_a_phone_opens_a_figure_readable_the_arrows_scroll_it_and_escape_closes_it(open_page, built_figures):
    page, outside = open_page(KEYED[0], "dark", reduced_motion="reduce")
    css_width, min_text = _design(built_figures, KEYED[1])
    link = _link_of(page, KEYED[1], "dark")
    link.focus()
    page.keyboard.press("Enter")
    slide = _opened(page)
    assert slide["pan"] and min_text * slide["w"] / css_width >= READABLE_PX, slide
    assert slide["stripFocused"] and slide["stripName"], "the scrolling strip has not the focus, or no name"
    assert page.evaluate(ZOOM_SECONDS) <= 0.01, f"reduced motion, yet GLightbox zooms for {page.evaluate(ZOOM_SECONDS)} s"

    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.evaluate(AT_REST)
    after = page.evaluate(SLIDE)
    assert after is not None and after["src"] == slide["src"], "ArrowRight left the figure for the next one"
    assert after["scrollLeft"] > 0, "ArrowRight does not scroll the enlarged figure"

    page.keyboard.press("Escape")
    page.wait_for_selector(".glightbox-container", state="detached")
    assert _is_focused(link), "focus does not return to the figure"
    assert outside == [], f"requests left the local server: {outside}"


def test_on_a_desktop_the_lightbox_still_fits_the_figure_to_the_window(open_page):
    page, _ = open_page(TAPPED[0], "light", phone=False)
    link = page.locator("article figure.nnviz-figure a.glightbox:visible").first
    link.click()
    slide = _opened(page)
    assert not slide["pan"] and slide["w"] <= 1280, slide
    assert page.evaluate(ZOOM_SECONDS) >= 0.1, "without reduced motion GLightbox's zoom effect is gone"
    page.keyboard.press("Escape")
    page.wait_for_selector(".glightbox-container", state="detached")


CUES = """() => [...document.querySelectorAll("article a.glightbox")].filter(a => a.checkVisibility() && a.querySelector("img"))
  .map(a => [a.querySelector("img").getAttribute("src").split("#")[0].split(".").pop(), getComputedStyle(a, "::after").content])"""


def test_the_enlarge_cue_reads_the_same_under_every_figure_on_a_phone_and_a_desktop(open_page):
    seen = set()
    for phone in (True, False):
        page, outside = open_page(KEYED[0], "light", phone=phone)
        cues = page.evaluate(CUES)
        assert {kind for kind, _ in cues} >= {"png", "svg"}, cues  # rasters and diagrams alike
        seen |= {text for _, text in cues}
    assert len(seen) == 1 and "enlarge" in seen.pop(), seen
