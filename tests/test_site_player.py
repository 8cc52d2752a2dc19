"""The built site's animations in Chromium: the player on a chapter page (over http from `make
serve`'s range server and from disk, both palettes), reduced motion, and each page's first-load
weight. Needs /usr/bin/chromium (`make browser`) and a built site (the `built_site` fixture)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import frames_drawn, nav_pages
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
FIRST_LOAD_BUDGET = 1_500_000  # bytes before any scrolling (issue 14)
PAGE = "one-neuron.html"        # a chapter page with an animation






def open_page(browser, url, *, theme="light", reduced="no-preference"):
    context = browser.new_context(color_scheme=theme, reduced_motion=reduced, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    return context, page, errors


@pytest.mark.parametrize("page_name", nav_pages())
def test_a_page_weighs_less_than_1_5_mb_before_scrolling(browser, site_server, page_name):
    """Body bytes received for every request, from navigation until the network is quiet (no request
    for 0.5 s: everything lazy loading and the visible players fetch by themselves has arrived, however
    slow the machine); the server sends them uncompressed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    received, urls = {}, {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.dataReceived", lambda e: received.__setitem__(
        e["requestId"], received.get(e["requestId"], 0) + e["dataLength"]))
    try:
        page.goto(site_server + page_name, wait_until="networkidle")
    finally:
        context.close()
    by_url = {}
    for request, n in received.items():
        by_url[urls.get(request, request)] = by_url.get(urls.get(request, request), 0) + n
    total = sum(by_url.values())
    biggest = sorted(by_url.items(), key=lambda kv: -kv[1])[:3]
    assert total < FIRST_LOAD_BUDGET, f"{page_name}: {total} bytes at first load; biggest: {biggest}"


def player_state(page, root):
    return page.evaluate("""(root) => { const v = root.querySelector('video');
        return {t: v.currentTime, paused: v.paused, frame: root.nnvizPlayer.frame(),
                label: root.querySelector('.nnviz-player__label').textContent,
                src: v.getAttribute('src'), poster: v.getAttribute('poster')}; }""", root)


@pytest.mark.parametrize("transport,theme", [("http", "light"), ("file", "dark")])
def test_the_player_pauses_steps_and_scrubs_with_the_animations_clock(browser, built_site, site_server, transport,
                                                                      theme):
    url = site_server + PAGE if transport == "http" else (built_site / PAGE).as_uri()
    context, page, errors = open_page(browser, url, theme=theme)
    try:
        root = page.query_selector(".nnviz-player")
        labels = json.loads(root.get_attribute("data-labels"))
        root.scroll_into_view_if_needed()
        page.wait_for_function("(r) => r.querySelector('video').currentTime > 0.2", arg=root)
        state = player_state(page, root)
        assert state["src"].endswith(".dark.mp4" if theme == "dark" else ".mp4") and \
            (theme == "dark") == (".dark." in state["src"]) and (theme == "dark") == (".dark." in state["poster"])
        root.query_selector("video").focus()
        page.keyboard.press(" ")
        page.wait_for_function("(r) => r.querySelector('video').paused", arg=root)
        paused_at = player_state(page, root)["t"]
        frames_drawn(page)
        assert player_state(page, root)["t"] == paused_at
        page.keyboard.press("Home")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("(r) => r.nnvizPlayer.frame() === 1 && !r.querySelector('video').seeking", arg=root)
        assert player_state(page, root)["label"] == labels[1]
        scrub = root.query_selector(".nnviz-player__scrub")
        box = scrub.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        middle = (len(labels) - 1) / 2
        page.wait_for_function("""([r, middle]) => Math.abs(r.nnvizPlayer.frame() - middle) <= 0.5 &&
            r.querySelector('video').paused && !r.querySelector('video').seeking""", arg=[root, middle])
        state = player_state(page, root)
        assert abs(state["frame"] - middle) <= 0.5 and state["label"] == labels[state["frame"]]
    finally:
        context.close()
    assert errors == []


def test_without_javascript_each_animation_is_a_video_with_its_poster_that_plays(browser, site_server):
    """No script, no player: each animation must still be a video a reader can play (its source,
    the light poster, the browser's controls), shown once, not a blank box (lozad.js#12)."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        page.goto(site_server + PAGE, wait_until="load")
        players = page.locator(".nnviz-player").count()
        shown = page.eval_on_selector_all(".nnviz-player video", """vs => vs.filter(v => v.checkVisibility())
            .map(v => ({src: v.getAttribute('src'), poster: v.getAttribute('poster'), controls: v.controls}))""")
        stills = page.eval_on_selector_all(".nnviz-player__still", "as => as.filter(a => a.checkVisibility()).length")
        assert players > 0 and len(shown) == players, shown
        assert all(v["src"].endswith(".mp4") and v["poster"].endswith(".png") and v["controls"] for v in shown), shown
        assert stills == 0  # the poster is not shown twice
        video = page.locator(".nnviz-player video:visible").first
        video.scroll_into_view_if_needed()
        video.focus()
        page.keyboard.press(" ")  # the browser's own controls: Space plays
        expect(video).to_have_js_property("paused", False)
        page.wait_for_function("(v) => v.currentTime > 0", arg=video.element_handle())
    finally:
        context.close()


def test_with_reduced_motion_no_video_on_the_page_plays(browser, site_server):
    context, page, errors = open_page(browser, site_server + PAGE, reduced="reduce")
    try:
        # a player on screen with its video loaded (it would be playing by now), then some frames more
        page.locator(".nnviz-player").first.scroll_into_view_if_needed()
        page.wait_for_function("document.querySelector('.nnviz-player video').readyState >= 2")
        frames_drawn(page)
        playing = page.evaluate("[...document.querySelectorAll('video')].filter(v => !v.paused).length")
        players = page.evaluate("document.querySelectorAll('.nnviz-player').length")
        # what the still poster shows and what the clock says agree (the poster is the last frame)
        shown = page.evaluate("""[...document.querySelectorAll('.nnviz-player')].map(r => [
            r.nnvizPlayer.label(), JSON.parse(r.dataset.labels)[+r.dataset.posterFrame]])""")
    finally:
        context.close()
    assert players > 0 and playing == 0 and errors == []
    assert shown and all(label == poster for label, poster in shown), shown
