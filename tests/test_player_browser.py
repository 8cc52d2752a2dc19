"""The animation player (docs/assets/js/player.js) in Chromium, on a tiny synthetic page.

The page holds one player over an 11-frame MP4 written by our own encoder (each frame a flat
colour, the first and last held), served by `make serve`'s range server and opened from disk.
Needs /usr/bin/chromium (`make browser`).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import frames_drawn

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
FPS = 12
LABELS = [f"epoch {10 * i}" for i in range(11)]  # an odd count: the scrubber's middle is frame 5
REPEATS = [6, 1, 1, 1, 1, 1, 1, 1, 1, 1, 12]


def colour(i: int) -> tuple[int, int, int]:
    return (20 + 20 * i, 200 - 15 * i, 60 + 10 * i)


@pytest.fixture(scope="module")
def player_page(tmp_path_factory):
    """A folder with player.html, player.js/css and the clip; (folder, clip frame count)."""
    from nnviz.render.animate import write_mp4

    folder = tmp_path_factory.mktemp("player")
    frames = [np.full((64, 96, 3), colour(i), np.uint8) for i in range(len(LABELS))]
    write_mp4(frames, folder / "clip.mp4", FPS, repeats=REPEATS)
    write_mp4([np.full((64, 96, 3), (200, 50, 50), np.uint8)] * 4, folder / "solid.mp4", FPS)
    for name in ("js/player.js", "css/player.css", "css/nnviz.css"):
        shutil.copy(ROOT / "docs" / "assets" / name, folder / Path(name).name)
    # A tall spacer below: the page scrolls the player away in one test.
    (folder / "player.html").write_text(f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>player</title><link rel="stylesheet" href="nnviz.css"><link rel="stylesheet" href="player.css">
</head><body><article class="md-typeset"><figure class="nnviz-figure nnviz-anim">
<div class="nnviz-player" data-fps="{FPS}" data-clock="epoch" data-labels='{json.dumps(LABELS)}'
     data-repeats='{json.dumps(REPEATS)}'><video class="nnviz-video" muted loop playsinline controls
     preload="none" width="96" height="64" aria-label="A test clip" data-src="clip.mp4"></video></div>
</figure></article>
<div style="height: 3000px"></div>
<script src="player.js"></script></body></html>""")
    return folder



@pytest.fixture(scope="module")
def server(player_page):
    from nnviz.site.serve import serve_in_background

    srv, url = serve_in_background(player_page)
    yield url
    srv.shutdown()
    srv.server_close()


@pytest.fixture(params=["http", "file"])
def url(request, player_page, server):
    return server + "player.html" if request.param == "http" else (player_page / "player.html").as_uri()


def open_page(browser, url, reduced="no-preference"):
    context = browser.new_context(reduced_motion=reduced, viewport={"width": 800, "height": 600})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    return context, page, errors


def wait_for_state(page, predicate: str, arg=None) -> dict:
    """The player's STATE once `predicate(state, arg)` (JavaScript) holds for it: a test waits for
    the state it asserts, never for a time."""
    handle = page.wait_for_function(f"""(arg) => {{ const s = ({STATE})(); return ({predicate})(s, arg) && s; }}""",
                                    arg=arg)
    return handle.json_value()


STATE = """() => { const v = document.querySelector('video'); const p = document.querySelector('.nnviz-player');
  return {t: v.currentTime, paused: v.paused, frame: p.nnvizPlayer.frame(), label:
          document.querySelector('.nnviz-player__label').textContent, ready: v.readyState, seeking: v.seeking}; }"""


def test_it_plays_on_screen_space_pauses_and_the_right_arrow_steps_one_frame(browser, url):
    context, page, errors = open_page(browser, url)
    try:
        page.wait_for_function("document.querySelector('video').currentTime > 0.3")
        page.focus("video")
        page.keyboard.press(" ")
        page.wait_for_function("document.querySelector('video').paused")
        first = page.evaluate(STATE)
        frames_drawn(page)
        assert page.evaluate(STATE)["t"] == first["t"]  # paused: the clock stands still
        page.keyboard.press("Home")
        page.wait_for_function("document.querySelector('video').currentTime < 0.1")
        before = page.evaluate(STATE)
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"document.querySelector('video').currentTime > {before['t']}")
        after = page.evaluate(STATE)
        assert (before["frame"], after["frame"]) == (0, 1)
        assert after["label"] == LABELS[1]
        assert after["t"] - before["t"] == pytest.approx(REPEATS[0] / FPS, abs=1e-6)  # past the held first frame
        assert after["paused"]
        assert page.evaluate("document.querySelector('.nnviz-player__play').getAttribute('aria-label')") == "Play"
    finally:
        context.close()
    assert errors == []


def test_the_scrubber_at_half_shows_the_middle_frames_label(browser, url):
    context, page, errors = open_page(browser, url)
    try:
        box = page.locator(".nnviz-player__scrub").bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        middle = (len(LABELS) - 1) // 2
        # Not "frame() === middle" alone: a video that plays on passes through the middle frame too.
        state = wait_for_state(page, "(s, label) => s.paused && s.label === label && s.ready >= 2 && !s.seeking",
                               LABELS[middle])
        assert state["frame"] == middle
        assert page.get_attribute(".nnviz-player__scrub", "aria-valuetext") == LABELS[middle]
        if url.startswith("http"):  # a file:// video taints a canvas: its pixels are read over http only
            pixel = page.evaluate(READ_PIXEL)
            assert max(abs(a - b) for a, b in zip(pixel, colour(middle))) <= 3, pixel  # the picture is that frame
    finally:
        context.close()
    assert errors == []


def test_with_reduced_motion_nothing_plays(browser, url):
    context, page, errors = open_page(browser, url, reduced="reduce")
    try:
        # Loaded and shown (so it would be playing by now if it were going to), then a few frames more.
        wait_for_state(page, "s => s.ready >= 2")
        frames_drawn(page)
        state = page.evaluate(STATE)
        assert state["paused"] and state["t"] == 0
        page.click(".nnviz-player__play")  # the reader can still start it
        page.wait_for_function("!document.querySelector('video').paused")
    finally:
        context.close()
    assert errors == []


def test_scrolled_away_it_pauses_and_nothing_loads_before_it_is_near(browser, server):
    context, page, errors = open_page(browser, server + "player.html")
    try:
        page.wait_for_function("!document.querySelector('video').paused")
        page.evaluate("window.scrollTo(0, 2500)")
        page.wait_for_function("document.querySelector('video').paused")
    finally:
        context.close()
    assert errors == []


def test_taking_hold_of_the_scrubber_on_the_frame_it_shows_pauses(browser, url):
    """A click (or a finger) on the scrubber's thumb changes no value, so no "input" event: the video
    still stops, or the thumb would run on under the pointer. (Playing at 1/16 speed, the held first
    frame lasts 8 s: the thumb stays at the start while the test clicks it.)"""
    context, page, errors = open_page(browser, url)
    try:
        page.evaluate("document.querySelector('.nnviz-player').nnvizPlayer.setSpeed(0.0625)")
        wait_for_state(page, "s => !s.paused && s.t > 0 && s.frame === 0")
        box = page.locator(".nnviz-player__scrub").bounding_box()
        page.mouse.click(box["x"] + 2, box["y"] + box["height"] / 2)  # on the thumb, at frame 0
        state = wait_for_state(page, "s => s.paused")
        assert state["frame"] == 0 and state["label"] == LABELS[0]
    finally:
        context.close()
    assert errors == []


def test_a_chosen_speed_survives_the_palette_switch(browser, server):
    """Switching palette swaps the video's source, and a reload resets playbackRate to its default:
    the reader's chosen speed (2x) must stay, in the video and in the speed menu."""
    context, page, errors = open_page(browser, server + "player.html")
    try:
        wait_for_state(page, "s => s.ready >= 2 && !s.paused")
        page.select_option(".nnviz-player__speed", "2")
        page.wait_for_function("document.querySelector('video').playbackRate === 2")
        page.evaluate("""() => { document.querySelector('video').setAttribute('data-src-dark', 'solid.mp4');
          document.body.setAttribute('data-md-color-scheme', 'slate'); }""")
        page.wait_for_function("""() => { const v = document.querySelector('video');
          return v.getAttribute('src') === 'solid.mp4' && v.readyState >= 1; }""")
        assert page.evaluate("document.querySelector('video').playbackRate") == 2
        assert page.eval_on_selector(".nnviz-player__speed", "s => s.value") == "2"
    finally:
        context.close()
    assert errors == []


READ_PIXEL = """() => { const v = document.querySelector('video'); const c = document.createElement('canvas');
  c.width = v.videoWidth; c.height = v.videoHeight; const g = c.getContext('2d');
  g.drawImage(v, 0, 0); return [...g.getImageData(c.width >> 1, c.height >> 1, 1, 1).data].slice(0, 3); }"""


def test_a_solid_colour_video_reads_back_within_three_levels(browser, server):
    """Our MP4s are BT.709, limited range, and say so: the browser converts back to the same colour."""
    context, page, errors = open_page(browser, server + "player.html")
    try:
        page.evaluate("""() => new Promise(r => { const v = document.createElement('video');
          v.muted = true; v.src = 'solid.mp4'; v.id = 'solid';
          v.addEventListener('loadeddata', () => { v.addEventListener('seeked', r, {once: true}); v.currentTime = 0.1; },
                             {once: true});
          document.body.prepend(v); })""")
        pixel = page.evaluate(READ_PIXEL.replace("document.querySelector('video')", "document.getElementById('solid')"))
    finally:
        context.close()
    assert max(abs(a - b) for a, b in zip(pixel, (200, 50, 50))) <= 3, pixel


def test_the_full_screen_button_and_f_key_fill_the_screen_with_the_player(browser, url):
    """On a phone a page figure is too small to read; full screen shows the video as large as the screen."""
    context, page, errors = open_page(browser, url)
    try:
        button = page.get_by_role("button", name="Full screen")
        button.click()
        page.wait_for_function("document.fullscreenElement === document.querySelector('.nnviz-player')")
        width = page.evaluate("document.querySelector('video').getBoundingClientRect().width")
        assert width > 96 * 2  # the clip is 96 px wide on the page
        page.keyboard.press("f")
        page.wait_for_function("document.fullscreenElement === null")
    finally:
        context.close()
    assert errors == []


def test_full_screen_on_an_upright_phone_shows_the_video_at_its_design_width_panning_sideways(browser, url):
    """Upright, a phone's full screen (390 px) is narrower than a column figure (688 CSS px): the
    video keeps its design width, so its text stays at the size it was drawn for, and pans; the
    control bar stays on screen; leaving full screen restores the page figure."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(url, wait_until="load")
        page.evaluate("document.querySelector('video').setAttribute('width', '688')")
        page.get_by_role("button", name="Full screen").click()
        page.wait_for_function("document.querySelector('.nnviz-player').classList.contains('nnviz-player--pan')")
        shown = page.evaluate("""() => { const root = document.querySelector('.nnviz-player');
          const bar = root.querySelector('.nnviz-player__bar').getBoundingClientRect();
          root.scrollLeft = 200;
          const after = root.querySelector('.nnviz-player__bar').getBoundingClientRect();
          return {video: root.querySelector('video').getBoundingClientRect().width, pans: root.scrollLeft,
                  bar: [bar.left, bar.right], barAfterPan: [after.left, after.right]}; }""")
        page.keyboard.press("f")
        page.wait_for_function("document.fullscreenElement === null")
        # fullscreenchange (which restores the page figure) fires at the next frame after that
        page.wait_for_function("!document.querySelector('.nnviz-player').classList.contains('nnviz-player--pan')",
                               timeout=5000)
    finally:
        context.close()
    assert shown["video"] >= 688
    assert shown["pans"] > 0
    assert shown["bar"][0] >= 0 and shown["bar"][1] <= 390
    assert shown["barAfterPan"][0] >= 0 and shown["barAfterPan"][1] <= 390
    assert errors == []
