"""The built pages as other browsers and other uses meet them (issue 23, "the pages in real
browsers"): JavaScript off, printing before scrolling, an iPhone's full screen, search results.
Needs /usr/bin/chromium (`make browser`) and a built site (the `built_site` fixture)."""
from __future__ import annotations

import urllib.parse

import json

import pytest

pytestmark = pytest.mark.browser

PAGE = "one-neuron.html"  # a chapter page with animations far below the first screen


def _context(browser, **kw):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **kw)
    context.set_default_timeout(20_000)
    return context


# ---------------------------------------------------------------- no JavaScript


@pytest.mark.parametrize("page_name", [PAGE, "stairs.html", "gallery.html"])
def test_without_javascript_every_animation_shows_its_poster_and_links_its_mp4(browser, site_server, page_name):
    """Without script each player is its <noscript> video: the poster shown, the MP4 as its
    source, the browser's own controls (the still, for print, stays hidden: no second picture)."""
    context = _context(browser, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_server + page_name, wait_until="load")
        players = page.locator(".nnviz-player")
        assert players.count() > 0
        sources = []
        for i in range(players.count()):
            player = players.nth(i)
            player.scroll_into_view_if_needed()
            video = player.locator("video:visible")
            assert video.count() == 1, (page_name, i, "no visible video without script")
            box = video.bounding_box()
            assert box["width"] > 100 and box["height"] > 50, (page_name, i, box)
            got = video.evaluate("v => ({poster: v.getAttribute('poster'), controls: v.controls,"
                                 " src: v.getAttribute('src') || (v.querySelector('source') || {}).src || ''})")
            assert got["poster"] and got["controls"] and got["src"].endswith(".mp4"), (page_name, i, got)
            assert not player.locator(".nnviz-player__still img:visible").count(), "the still shows twice"
            sources.append(got["src"])
    finally:
        context.close()
    import urllib.request  # every video the page names exists in the site
    for src in sources:
        with urllib.request.urlopen(urllib.parse.urljoin(site_server + page_name, src)) as answer:
            assert answer.status == 200, src


def test_with_javascript_the_still_is_hidden_and_nothing_below_the_screen_loads(browser, site_server):
    """The still is for no script and print only: the player shows on screen, and the posters of
    animations far below are not fetched before the reader scrolls (lazy loading kept)."""
    context = _context(browser)
    page = context.new_page()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    try:
        page.goto(site_server + PAGE, wait_until="load")
        page.wait_for_function("document.querySelectorAll('.nnviz-player.nnviz-player--on').length"
                               " === document.querySelectorAll('.nnviz-player').length")
        assert page.locator(".nnviz-player__still:visible").count() == 0
        last = page.locator(".nnviz-player:visible").last  # (an explorable hides the player it stands for)
        poster = last.locator("video").get_attribute("data-poster")
        assert last.evaluate("(p) => p.getBoundingClientRect().top") > 3 * 900
        assert not any(url.endswith(poster.split("/")[-1]) for url in fetched), "a poster far below was fetched"
        assert not any(url.endswith(".mp4") for url in fetched if poster.split("/")[-1][:-4] in url)
    finally:
        context.close()


# ---------------------------------------------------------------- print


@pytest.mark.parametrize("page_name", [PAGE, "learning.html"])
def test_printing_before_scrolling_prints_each_animation_as_its_poster_without_controls(browser, site_server,
                                                                                      page_name):
    context = _context(browser)
    page = context.new_page()
    try:
        page.goto(site_server + page_name, wait_until="load")
        page.wait_for_function("document.querySelector('.nnviz-player.nnviz-player--on')")
        page.emulate_media(media="print")
        page.wait_for_function("""() => [...document.querySelectorAll('.nnviz-player')].every(p => {
            const img = [...p.querySelectorAll('.nnviz-player__still img')].find(i => i.offsetWidth > 0);
            return img && img.complete && img.naturalWidth > 0; })""")
        state = page.eval_on_selector_all(".nnviz-player", """ps => ps.map(p => ({
            video: getComputedStyle(p.querySelector('video')).display,
            bar: getComputedStyle(p.querySelector('.nnviz-player__bar')).display}))""")
        assert all(s == {"video": "none", "bar": "none"} for s in state), state
        chrome = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary',
            '.md-footer', '.md-search', '.md-top', '.md-content__button']
            .flatMap(s => [...document.querySelectorAll(s)])
            .filter(e => e.offsetWidth > 0 || e.offsetHeight > 0).map(e => e.className)""")
        assert chrome == [], f"site chrome still prints: {chrome}"
        pdf = page.pdf(format="A4", print_background=True)
        assert pdf.count(b"/Subtype /Image") + pdf.count(b"/Subtype/Image") >= page.locator(".nnviz-player").count()
    finally:
        context.close()


def test_every_page_has_a_print_style_that_keeps_a_figure_on_one_page(browser, site_server):
    context = _context(browser)
    page = context.new_page()
    try:
        page.goto(site_server + "stairs.html", wait_until="load")
        page.emulate_media(media="print")
        inside = page.eval_on_selector("figure.nnviz-figure", "f => getComputedStyle(f).breakInside")
        assert inside == "avoid"
        after = page.eval_on_selector("article h2", "h => getComputedStyle(h).breakAfter")
        assert after == "avoid"
    finally:
        context.close()


# ---------------------------------------------------------------- iPhone full screen

# What iPhone Safari offers: no Fullscreen API, only the video element's own full screen.
IPHONE_API = """
Object.defineProperty(Document.prototype, 'fullscreenEnabled', {get: () => false});
Object.defineProperty(Document.prototype, 'fullscreenElement', {get: () => null});
Element.prototype.requestFullscreen = undefined;
HTMLVideoElement.prototype.webkitEnterFullscreen = function () {
  window.__nativeFull = (window.__nativeFull || 0) + 1; };
"""


@pytest.mark.parametrize("how", ["button", "key F"])
def test_on_an_iphone_the_full_screen_control_uses_the_video_s_own_full_screen(playwright_driver, browser,
                                                                               site_server, how):
    context = browser.new_context(**playwright_driver.devices["iPhone 13"], reduced_motion="reduce")
    context.add_init_script(IPHONE_API)
    page = context.new_page()
    try:
        page.goto(site_server + PAGE, wait_until="load")
        player = page.locator(".nnviz-player").first
        player.scroll_into_view_if_needed()
        button = player.locator(".nnviz-player__full")
        assert button.count() == 1, "no full-screen button on an iPhone"
        assert button.get_attribute("aria-label")
        if how == "button":
            button.tap()
        else:
            player.locator("video").focus()
            page.keyboard.press("f")
        page.wait_for_function("window.__nativeFull === 1")
    finally:
        context.close()


# ---------------------------------------------------------------- search


def test_the_search_index_holds_no_tex(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    tex = [d["location"] for d in index["docs"] if any(m in d["text"] + d["title"] for m in ("\\(", "\\[", "\\frac"))]
    assert tex == []
    inlined = (built_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert "\\\\(" not in inlined and "\\\\frac" not in inlined


def test_search_results_read_the_math_as_text(browser, built_site):
    context = _context(browser)
    page = context.new_page()
    try:
        page.goto((built_site / "index.html").as_uri(), wait_until="load")
        page.click("input.md-search__input")
        page.locator("input.md-search__input").press_sequentially("surprise", delay=30)  # one-neuron's loss
        page.locator(".md-search-result__item").first.wait_for()
        text = " ".join(page.locator(".md-search-result__item").all_inner_texts())
        assert "\\(" not in text and "\\[" not in text and "\\frac" not in text, text[:500]
        assert "pᵢ = σ(w xᵢ + b)" in text, text[:500]  # as the page shows it
    finally:
        context.close()
