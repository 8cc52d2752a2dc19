"""The report of `nnviz fit` in Chromium from file://: no request leaves the machine, no script
error, the theme toggle swaps every figure to its dark twin, and the animations play; for maps over
two features and for curves over one."""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from nnviz.fit.command import main

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", params=[[], ["--features", "x"]], ids=["maps", "one-feature-curves"])
def report(tmp_path_factory, request) -> Path:
    out = tmp_path_factory.mktemp("fit") / "report"
    # A long path, as a real checkout may have: the page prints the command line, which must wrap
    # on a phone rather than push the page sideways (a CI checkout under /check/... once did).
    data = tmp_path_factory.mktemp("a_folder_name_long_enough_to_overflow_a_phone_screen") / "three_classes.csv"
    shutil.copy(ROOT / "tests" / "data" / "fit" / "three_classes.csv", data)
    args = [str(data), "--target", "colour", "--out", str(out),
            "--epochs", "10", "--frames", "3", "--grid", "12", "--hidden", "4", "--quiet", *request.param]
    assert main(args) == 0
    return out




def open_page(browser, report, scheme="light", width=1280):
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console error: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))

    def route(r):
        if urlsplit(r.request.url).scheme in ("file", "data", "blob"):
            r.continue_()
        else:
            problems.append(f"off-machine request: {r.request.url}")
            r.abort()

    page.route("**/*", route)
    page.goto((report / "index.html").as_uri(), wait_until="load")
    return context, page, problems


VISIBLE_MEDIA = """() => [...document.querySelectorAll('main img')]
  .filter(e => e.offsetParent !== null).map(e => e.getAttribute('src'))"""


def test_offline_toggle_and_twins(browser, report):
    context, page, problems = open_page(browser, report)
    try:
        page.evaluate("() => document.querySelectorAll('img').forEach(i => i.loading = 'eager')")
        light = page.evaluate(VISIBLE_MEDIA)
        page.get_by_role("button", name="Switch to dark mode").click()
        page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
        dark = page.evaluate(VISIBLE_MEDIA)
        assert page.get_by_role("button", name="Switch to light mode").is_visible()
        page.evaluate("() => Promise.all([...document.images].map(i => i.decode()))")
        broken = page.evaluate("() => [...document.images].filter(i => !i.naturalWidth).map(i => i.src)")
    finally:
        context.close()
    assert len(light) == len(dark) == 6
    assert not any(".dark." in p for p in light)
    assert all(".dark." in p for p in dark), dark
    assert broken == []
    assert problems == []


def test_dark_system_preference_shows_dark_figures(browser, report):
    context, page, problems = open_page(browser, report, scheme="dark", width=390)
    try:
        shown = page.evaluate(VISIBLE_MEDIA)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    finally:
        context.close()
    assert shown and all(".dark." in p for p in shown)
    assert overflow <= 0, "the page scrolls sideways at 390 px"
    assert problems == []


PLAYER = ROOT / "docs" / "assets" / "js" / "player.js"


def test_the_animations_play(browser, report):
    """With the site's player (docs/assets/js/player.js) inlined: its controls play and step the
    animation by keyboard and by button, and the dark palette swaps the video's source. Without
    it (a checkout that has no player yet): the plain videos play."""
    context, page, problems = open_page(browser, report)
    try:
        if not PLAYER.is_file():
            played = page.evaluate("""async () => {
              const out = [];
              for (const v of [...document.querySelectorAll('video')].filter(v => v.offsetParent !== null)) {
                v.muted = true; await v.play();  // then wait until its clock has moved (not for a time)
                await new Promise(r => { const moved = () => v.currentTime > 0 ? r()
                                           : v.addEventListener('timeupdate', moved, {once: true}); moved(); });
                out.push(v.currentTime); v.pause();
              }
              return out;
            }""")
            assert len(played) == 2 and all(t > 0 for t in played), played
        else:
            players = page.locator(".nnviz-player")
            assert players.count() == 2 and page.locator("video").count() == 2
            first = players.first
            first.scroll_into_view_if_needed()
            video = first.locator("video")
            page.wait_for_function("() => document.querySelector('.nnviz-player video').src.endsWith('training.mp4')")
            page.evaluate("() => document.querySelector('.nnviz-player').nnvizPlayer.pause()")  # it may autoplay
            first.get_by_role("button", name="Play").click()
            page.wait_for_function("() => document.querySelector('.nnviz-player video').currentTime > 0")
            first.get_by_role("button", name="Pause").click()
            video.focus()
            page.keyboard.press("Home")
            assert page.evaluate("() => document.querySelector('.nnviz-player').nnvizPlayer.label()") == \
                "epoch 0"
            page.keyboard.press("ArrowRight")
            assert page.evaluate("() => document.querySelector('.nnviz-player').nnvizPlayer.frame()") == 1
            page.get_by_role("button", name="Switch to dark mode").click()
            page.wait_for_function(
                "() => document.querySelector('.nnviz-player video').src.endsWith('training.dark.mp4')")
    finally:
        context.close()
    assert problems == []


def test_without_javascript_the_animations_are_videos_with_a_source_and_poster(browser, report):
    """No script, no player: each animation is still a video a reader can play, shown once."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto((report / "index.html").as_uri(), wait_until="load")
        shown = page.eval_on_selector_all("main video", """vs => vs.filter(v => v.checkVisibility())
            .map(v => ({src: v.getAttribute('src'), poster: v.getAttribute('poster'), controls: v.controls}))""")
        stills = page.eval_on_selector_all(".nnviz-player__still", "as => as.filter(a => a.checkVisibility()).length")
    finally:
        context.close()
    if not PLAYER.is_file():
        return  # plain videos (the other test): nothing the script would have to give them
    assert len(shown) == 2, shown
    assert all(v["src"].endswith(".mp4") and v["poster"].endswith(".png") and v["controls"] for v in shown), shown
    assert stills == 0
