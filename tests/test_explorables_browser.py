"""The explorables (issue 21) in Debian's Chromium: figures the reader drives, drawn from the engine's numbers.

Each explorable is checked four ways (from disk and over http, at 1280 and 390 px, in both palettes)
for what the issue asks: it starts, its controls work by keyboard (with a visible focus ring) and
by pointer, the values are announced, the palette toggle repaints it live, a phone gets no sideways
scroll and no text under 12 CSS px, nothing leaves the machine and the console stays clean. Its
pure functions are compared with nnviz.engine on the exporter's test vectors (to 1e-12); its data
file is byte-identical to a fresh export and, with its code, at most 200 kB gzipped.

One browser for the session (conftest.browser); site/ built once (conftest.built_site).
"""
from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pytest

from nnviz.explore import build as explore_build
from nnviz.explore import jsdata

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_MS = 15_000
BUDGET = 200 * 1024  # gzipped bytes of an explorable's data and code (its own and the shared core)
TOLERANCE = 1e-12
MIN_TEXT_PX = 12
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# explorable id -> the chapter page that holds it
EXPLORABLES = {
    "one-neuron/weight-and-bias": "one-neuron.html",
    "stairs/four-pixels": "stairs.html",
    "logistic-to-nn/hidden-neurons": "logistic-to-nn.html",
    "learning/step-through": "learning.html",
    "random-families/draw-again": "random-families.html",
}

# Four ways to open each explorable: every transport, width and palette occurs twice.
WAYS = [("file", "desktop", "light"), ("http", "phone", "dark"), ("http", "desktop", "dark"), ("file", "phone", "light")]


def exporter(explorable_id: str):
    """The exporter module of an explorable (explorables/<file>.py)."""
    for path in explore_build.exporter_paths(ROOT):
        module = explore_build.load(path)
        if module.ID == explorable_id:
            return module, path
    raise LookupError(f"no exporter declares {explorable_id!r}")


# ---------------------------------------------------------------- the page

FIGURE = 'figure.nnviz-explorable[data-explorable="{}"]'


@pytest.fixture
def open_explorable(browser, built_site, site_server):
    """open(id, transport, size, theme, reduced_motion="no-preference") -> (page, problems): the
    explorable's page, once the explorable is mounted, with the console errors, failed requests and
    requests leaving the machine recorded in `problems`."""
    made = []

    def open_(explorable_id, transport="http", size="desktop", theme="light", reduced_motion="no-preference"):
        phone = size == "phone"
        context = browser.new_context(viewport=PHONE if phone else DESKTOP, device_scale_factor=2 if phone else 1,
                                      is_mobile=phone, has_touch=phone, color_scheme=theme,
                                      reduced_motion=reduced_motion)
        context.set_default_timeout(TIMEOUT_MS)
        made.append(context)
        page, problems = context.new_page(), []
        page.on("console", lambda m: m.type in ("error", "warning") and problems.append(f"console {m.type}: {m.text}"))
        page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
        page.on("requestfailed", lambda r: r.resource_type != "media" and problems.append(f"request failed: {r.url}"))

        def route(r):
            parts = urlsplit(r.request.url)
            if parts.scheme in ("file", "data", "blob") or parts.hostname == "127.0.0.1":
                r.continue_()
            else:
                problems.append(f"off-site request: {r.request.url}")
                r.abort()

        page.route("**/*", route)
        name = EXPLORABLES[explorable_id]
        page.goto(site_server + name if transport == "http" else (built_site / name).as_uri())
        assert settle(page, explorable_id) == "ready", f"{explorable_id} did not start ({transport}, {size})"
        return page, problems

    yield open_
    for context in made:
        context.close()


def settle(page, explorable_id) -> str:
    """Scroll the explorable into view (it starts only near the viewport), wait until it has
    started or given up, and bring what took the poster's place into view: its final data-state
    ("ready", "missing" or "failed")."""
    sel = FIGURE.format(explorable_id)
    page.locator(sel).scroll_into_view_if_needed()
    page.wait_for_function("sel => ['ready', 'missing', 'failed'].includes(document.querySelector(sel)?.dataset.state)",
                           arg=sel)
    page.locator(sel).scroll_into_view_if_needed()
    return page.get_attribute(sel, "data-state")


def status(page, explorable_id):
    return page.locator(FIGURE.format(explorable_id) + " .nnviz-x-status")


def app_state(page, explorable_id):
    return page.evaluate("id => nnvizExplore.app(id).state", explorable_id)


def focus_ring(page) -> float:
    """The outline width (CSS px) of the focused element while it shows its keyboard focus."""
    return page.evaluate("""() => { const e = document.activeElement;
        return e.matches(':focus-visible') ? parseFloat(getComputedStyle(e).outlineWidth) || 0 : 0; }""")


def press(page, locator, key):
    locator.focus()
    page.keyboard.press(key)


def toggle_palette(page) -> str:
    """Click Material's palette toggle; the scheme it switched to."""
    before = page.get_attribute("body", "data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
    page.wait_for_function("s => document.body.dataset.mdColorScheme !== s", arg=before)
    return page.get_attribute("body", "data-md-color-scheme")


LAYOUT = """sel => {
  const fig = document.querySelector(sel), small = [];
  const walker = document.createTreeWalker(fig.querySelector('.nnviz-x-app'), NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const e = n.parentElement;
    if (!n.textContent.trim() || !e.getClientRects().length) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    if (size < 12) small.push(`${size}px: ${n.textContent.trim().slice(0, 30)}`);
  }
  const doc = document.documentElement;
  const wide = [...fig.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > doc.clientWidth + 0.5)
    .map(e => e.tagName + '.' + e.className);
  return {small, sideways: doc.scrollWidth - doc.clientWidth, wide: wide.slice(0, 5)};
}"""


def check_layout(page, explorable_id, size):
    layout = page.evaluate(LAYOUT, FIGURE.format(explorable_id))
    assert layout["small"] == [], f"text under {MIN_TEXT_PX} px: {layout['small']}"
    assert layout["sideways"] <= 0 and layout["wide"] == [], f"sideways scroll at {size}: {layout}"


# ---------------------------------------------------------------- what each explorable must do

def drive_one_neuron(page, size):
    ident = "one-neuron/weight-and-bias"
    fig = page.locator(FIGURE.format(ident))
    w = fig.get_by_role("slider", name="weight w")
    start = app_state(page, ident)
    press(page, w, "ArrowRight")
    assert focus_ring(page) >= 2, "the focused slider shows no focus ring"
    after = app_state(page, ident)
    assert after["w"] == pytest.approx(start["w"] + 0.01) and after["b"] == start["b"]
    expect_text(status(page, ident), "w " + fmt(after["w"], 2))
    # the descent epoch slider walks the exported path: End is its last epoch
    press(page, fig.get_by_role("slider", name="descent epoch"), "End")
    last = page.evaluate("id => { const d = window.nnvizExplorableData[id]; return [d.path.w.at(-1), d.path.b.at(-1)]; }", ident)
    end = app_state(page, ident)
    assert (end["w"], end["b"]) == tuple(last) and end["epoch"] == 300
    fig.get_by_role("button", name="Trained neuron").press("Enter")
    trained = app_state(page, ident)
    assert trained["correct"] > after["correct"]
    # pointer: pressing on the contour plot puts the neuron there (the plot's centre: w 1.5, b 0)
    canvas = fig.locator("canvas").nth(1)
    box = canvas.bounding_box()
    canvas.click(position={"x": 58 + (box["width"] - 70) / 2, "y": 12 + (box["height"] - 58) / 2})
    clicked = app_state(page, ident)
    assert clicked["w"] == pytest.approx(1.5, abs=0.02) and clicked["b"] == pytest.approx(0.0, abs=0.02)


def drive_stairs(page, size):
    ident = "stairs/four-pixels"
    fig = page.locator(FIGURE.format(ident))
    x3 = fig.get_by_role("slider", name="pixel x3 (bottom left)")
    press(page, x3, "ArrowRight")
    assert focus_ring(page) >= 2, "the focused slider shows no focus ring"
    assert app_state(page, ident)["pixels"][2] == 91
    for _ in range(59):
        page.keyboard.press("ArrowRight")
    state = app_state(page, ident)
    assert state["pixels"] == [200, 0, 150, 160] and state["rule"] == 1
    expect_text(status(page, ident), "Pixels 200, 0, 150, 160")
    number = fig.get_by_role("spinbutton", name="pixel x1 (top left) (number)")
    number.fill("20")
    assert app_state(page, ident)["pixels"][0] == 20
    fig.get_by_role("button", name="the article's picture 2 (stairs)").press("Enter")
    assert app_state(page, ident)["pixels"] == [175, 10, 186, 200]
    # pointer: a click on the top-right pixel turns it black
    canvas = fig.locator("canvas").first
    geometry = page.evaluate("""c => { const r = c.getBoundingClientRect(); return [r.width, r.height]; }""",
                             canvas.element_handle())
    size_px = min(geometry) - 4
    canvas.click(position={"x": (geometry[0] - size_px) / 2 + size_px * 0.75, "y": 2 + size_px * 0.25})
    state = app_state(page, ident)
    assert state["pixels"][1] == 255 and state["rule"] == 0


def drive_logistic_to_nn(page, size):
    ident = "logistic-to-nn/hidden-neurons"
    fig = page.locator(FIGURE.format(ident))
    fig.get_by_role("button", name="2", exact=True).press("Enter")
    assert app_state(page, ident)["h"] == 2
    assert fig.get_by_role("img", name="The data points at their two hidden outputs h1 and h2, "
                                       "where the output draws a straight line").is_visible()
    epoch = fig.get_by_role("slider", name="epoch")
    press(page, epoch, "Home")
    assert focus_ring(page) >= 2, "the focused slider shows no focus ring"
    page.keyboard.press("ArrowRight")
    assert app_state(page, ident)["epoch"] == 1
    expect_text(status(page, ident), "2 hidden neurons, epoch 1: loss")
    fig.locator("button.nnviz-x-map").nth(1).focus()
    assert app_state(page, ident)["focus"] == 1 and focus_ring(page) >= 2
    expect_text(status(page, ident), "Hidden neuron 2 of 2: its line is")
    # pointer: a click chooses 50 hidden neurons, hovering a map highlights its neuron
    fig.get_by_role("button", name="50", exact=True).click()
    assert app_state(page, ident)["h"] == 50 and fig.locator("button.nnviz-x-map").count() == 50
    fig.locator("button.nnviz-x-map").nth(7).hover()
    assert app_state(page, ident)["focus"] == 7


def drive_learning(page, size):
    ident = "learning/step-through"
    fig = page.locator(FIGURE.format(ident))
    engine = exporter(ident)[0].vectors()["steps"]
    forward = fig.get_by_role("button", name="Forward")
    press(page, forward, "Enter")
    assert focus_ring(page) >= 2, "the focused button shows no focus ring"
    for _ in range(2):
        page.keyboard.press("Enter")
    state = app_state(page, ident)
    assert state["stage"] == 3 and state["loss"] == pytest.approx(engine[0]["loss"], abs=TOLERANCE, rel=0)
    expect_text(status(page, ident), "Update 0, forward: the output and its cost: z ")
    for _ in range(5):  # backward through the three layers, the update, and on to the next round
        page.keyboard.press("Enter")
    state = app_state(page, ident)
    assert (state["stage"], state["updates"]) == (0, 1)
    assert state["loss"] == pytest.approx(engine[1]["loss"], abs=TOLERANCE, rel=0)
    fig.get_by_role("button", name="Back").press("Enter")
    assert (app_state(page, ident)["stage"], app_state(page, ident)["updates"]) == (7, 0)
    cell = fig.locator("td[data-edge]").nth(2)
    cell.focus()
    assert app_state(page, ident)["edge"] == [0, 2, 0] and focus_ring(page) >= 2
    expect_text(status(page, ident), "Weight from input 3 to neuron 1")
    # pointer: the output layer's matrices, a weight lit by hovering it
    fig.get_by_role("button", name="output").click()
    assert fig.locator("td[data-edge]").count() == 2
    fig.locator("td[data-edge]").nth(1).hover()
    assert app_state(page, ident)["edge"] == [2, 1, 0]


def drive_random_families(page, size):
    ident = "random-families/draw-again"
    fig = page.locator(FIGURE.format(ident))
    start = app_state(page, ident)
    assert (start["seed"], start["draw"], start["sizes"], start["activation"]) == (0, 1, [1, 11, 9, 1], "tanh")
    assert "?" not in page.url  # opening the chapter leaves its address alone; the reader's draws write it
    again = fig.get_by_role("button", name="Draw again")
    press(page, again, "Enter")
    assert focus_ring(page) >= 2, "the focused button shows no focus ring"
    assert app_state(page, ident)["draw"] == 2
    expect_text(status(page, ident), "Draw 2 of 49, seed 0: tanh 1 \u2192 11 \u2192 9 \u2192 1")
    again.click()  # pointer
    assert app_state(page, ident)["draw"] == 3
    # a number brings a draw back; the address follows, so a reload brings it back too
    fig.get_by_role("spinbutton", name="seed (0 to 4294967295)").fill("7")
    fig.get_by_role("spinbutton", name="draw number (1 to 49)").fill("12")
    state = app_state(page, ident)
    assert (state["seed"], state["draw"]) == (7, 12)
    assert "seed=7&draw=12&net=1-11-9-1&act=tanh&scale=sqrt3n" in page.url
    again_page = page.context.new_page()  # a second tab (a reload would cancel this one's favicon request)
    again_page.goto(page.url)
    assert settle(again_page, ident) == "ready"
    assert app_state(again_page, ident)["y"] == state["y"]
    again_page.close()
    # the switch, the activation, the depth and a width
    switch = fig.get_by_role("switch", name="Scale the weights by \u221a(3/n)")
    press(page, switch, "Space")
    assert app_state(page, ident)["scaled"] is False and app_state(page, ident)["draw"] == 1
    fig.get_by_role("button", name="logistic", exact=True).click()
    fig.get_by_role("button", name="3", exact=True).press("Enter")
    fig.get_by_role("spinbutton", name="nodes in hidden layer 3 (1 to 100)").fill("100")
    state = app_state(page, ident)
    assert state["sizes"] == [1, 11, 9, 100, 1] and state["activation"] == "sigmoid"
    # two inputs: a map with its border
    fig.get_by_role("button", name="2 (map)").click()
    assert app_state(page, ident)["sizes"][0] == 2
    expect_text(status(page, ident), "of the square")
    # the chapter's family comes back exactly
    fig.get_by_role("button", name="the chapter's family tanh 1 \u2192 11 \u2192 9 \u2192 1 (seed 0)").click()
    back = app_state(page, ident)
    assert (back["seed"], back["draw"], back["sizes"], back["scaled"]) == (0, 1, [1, 11, 9, 1], True)
    assert back["y"] == start["y"]


DRIVE = {"one-neuron/weight-and-bias": drive_one_neuron, "stairs/four-pixels": drive_stairs,
         "logistic-to-nn/hidden-neurons": drive_logistic_to_nn, "learning/step-through": drive_learning,
         "random-families/draw-again": drive_random_families}

# A colour the explorable draws, read from the page, that must be the current palette's.
DRAWN_COLOUR = {
    "one-neuron/weight-and-bias": ("""sel => getComputedStyle(document.querySelector(sel + ' .nnviz-x-mark-ring'))
                                       .getPropertyValue('--nnviz-x-mark').trim()""", lambda pal: pal["series"][0]),
    "stairs/four-pixels": ("""sel => getComputedStyle(document.querySelectorAll(sel + ' .nnviz-x-bar > span')[2])
                              .backgroundColor""", lambda pal: rgb(pal["classes"][1])),
    "logistic-to-nn/hidden-neurons": ("""sel => getComputedStyle(document.querySelector(sel + ' .nnviz-x-legend li:nth-child(2) .nnviz-x-mark'))
                                          .getPropertyValue('--nnviz-x-mark').trim()""", lambda pal: pal["series"][1]),
    # the first input node's fill, read from the canvas (see the diagram's layout in step-through.js)
    "learning/step-through": ("""sel => { const c = document.querySelector(sel + ' canvas'), r = devicePixelRatio;
                                  const x = Math.round(14 + 0.07 * (c.clientWidth - 60));
                                  const p = c.getContext('2d').getImageData(Math.round(x * r), Math.round(24 * r), 1, 1).data;
                                  return `rgb(${p[0]}, ${p[1]}, ${p[2]})`; }""", lambda pal: rgb(pal["roles"]["input"])),
    "random-families/draw-again": ("""sel => getComputedStyle(document.querySelector(sel + ' .nnviz-x-mark-line'))
                                      .getPropertyValue('--nnviz-x-mark').trim()""", lambda pal: pal["accent"]),
}


def rgb(hex_colour: str) -> str:
    n = int(hex_colour[1:], 16)
    return f"rgb({n >> 16}, {(n >> 8) & 255}, {n & 255})"


def fmt(x: float, digits: int) -> str:
    text = f"{x:.{digits}f}"
    return (text[1:] if float(text) == 0 and text.startswith("-") else text).replace("-", "\u2212")


def expect_text(locator, text):
    locator.page.wait_for_function("([e, t]) => e.textContent.includes(t)", arg=[locator.element_handle(), text])


# ---------------------------------------------------------------- tests


@pytest.mark.parametrize("explorable_id", EXPLORABLES)
@pytest.mark.parametrize("transport,size,theme", WAYS)
def test_explorable_is_driven_by_keyboard_and_pointer(open_explorable, explorable_id, transport, size, theme):
    page, problems = open_explorable(explorable_id, transport, size, theme)
    assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if theme == "dark" else "default")
    poster = page.locator(FIGURE.format(explorable_id) + " > figure.nnviz-figure")
    keep = page.get_attribute(FIGURE.format(explorable_id), "data-poster") == "keep"
    assert poster.is_visible() == keep  # the app takes the static figure's place unless it explains the app
    check_layout(page, explorable_id, size)
    DRIVE[explorable_id](page, size)
    # the palette toggle repaints the explorable in the other palette's colours
    script, expected = DRAWN_COLOUR[explorable_id]
    palettes = page.evaluate("() => window.nnvizExplorableTheme")
    scheme = toggle_palette(page)
    pal = palettes["dark" if scheme == "slate" else "light"]
    page.wait_for_function(f"([sel, want]) => ({script})(sel) === want", arg=[FIGURE.format(explorable_id), expected(pal)])
    check_layout(page, explorable_id, size)
    assert problems == []


@pytest.mark.parametrize("explorable_id", EXPLORABLES)
def test_reduced_motion_starts_nothing(open_explorable, explorable_id):
    page, problems = open_explorable(explorable_id, "http", "desktop", "light", reduced_motion="reduce")
    moving = page.evaluate("""sel => { const f = document.querySelector(sel);
        return f.getAnimations({subtree: true}).length + [...f.querySelectorAll('video')].filter(v => !v.paused).length; }""",
                           FIGURE.format(explorable_id))
    assert page.evaluate("id => nnvizExplore.app(id).reducedMotion", explorable_id) is True
    assert moving == 0 and problems == []


# -- numbers: the page's functions against the engine's

ONE_NEURON_JS = """([id, cases]) => { const m = nnvizExplore.model(id);
  return cases.map(c => { const g = m.lossGrad(c.w, c.b);
    return {loss: g.loss, dw: g.dw, db: g.db, accuracy: m.accuracy(c.w, c.b), p: c.probe.map(x => m.proba(c.w, c.b, x))}; }); }"""

STAIRS_JS = """([id, pictures]) => { const m = nnvizExplore.model(id);
  return pictures.map(x => { const d = m.detectors(x), s = m.softmax(x);
    return {score: m.score(x), logisticScore: m.logisticScore(x), logistic: m.logistic(x), detectors: d.hidden, output: d.output,
            softmaxHidden: s.hidden, softmax: s.p, rule: m.rule(x)}; }); }"""


def compare_one_neuron(page, ident, vectors):
    cases = jsdata.plain(vectors["cases"])
    got = page.evaluate(ONE_NEURON_JS, [ident, cases])
    for case, answer in zip(cases, got):
        for key in ("loss", "dw", "db", "accuracy"):
            assert answer[key] == pytest.approx(case[key], abs=TOLERANCE, rel=0), (key, case["w"], case["b"])
        np.testing.assert_allclose(answer["p"], case["p"], rtol=0, atol=TOLERANCE)


def compare_stairs(page, ident, vectors):
    v = jsdata.plain(vectors)
    got = page.evaluate(STAIRS_JS, [ident, v["pictures"]])
    for key in ("score", "logisticScore", "logistic", "detectors", "output", "softmaxHidden", "softmax"):
        np.testing.assert_allclose([g[key] for g in got], v[key], rtol=0, atol=TOLERANCE, err_msg=key)
    assert [g["rule"] for g in got] == v["rule"]


LOGISTIC_JS = """([id, cases]) => { const m = nnvizExplore.model(id);
  return cases.map(c => c.points.map(x => m.forward(c.hidden, c.index, x))); }"""


def compare_logistic_to_nn(page, ident, vectors):
    cases = jsdata.plain(vectors["cases"])
    got = page.evaluate(LOGISTIC_JS, [ident, cases])
    for case, answers in zip(cases, got):
        np.testing.assert_allclose([a["hidden"] for a in answers], case["h"], rtol=0, atol=TOLERANCE)
        np.testing.assert_allclose([a["p"] for a in answers], case["p"], rtol=0, atol=TOLERANCE)


LEARNING_JS = """([id, steps]) => { const m = nnvizExplore.model(id), d = window.nnvizExplorableData[id];
  let layers = d.layers; const out = [];
  steps.forEach(() => { const b = m.backward(layers, d.x, d.y); layers = m.step(layers, b, d.lr);
    out.push({z: b.zs, a: b.acts, delta: b.deltas, dW: b.dW, db: b.db, loss: b.loss, after: layers}); });
  return out; }"""


def compare_learning(page, ident, vectors):
    steps = jsdata.plain(vectors["steps"])
    got = page.evaluate(LEARNING_JS, [ident, steps])
    for k, (want, answer) in enumerate(zip(steps, got)):
        assert answer["loss"] == pytest.approx(want["loss"], abs=TOLERANCE, rel=0), k
        for key in ("z", "a", "delta", "dW", "db"):
            for layer, (a, b) in enumerate(zip(answer[key], want[key])):
                np.testing.assert_allclose(a, b, rtol=0, atol=TOLERANCE, err_msg=f"step {k} {key} layer {layer}")
        for layer, (a, b) in enumerate(zip(answer["after"], want["after"])):
            np.testing.assert_allclose(a["W"], b["W"], rtol=0, atol=TOLERANCE, err_msg=f"step {k} W after, {layer}")
            np.testing.assert_allclose(a["b"], b["b"], rtol=0, atol=TOLERANCE, err_msg=f"step {k} b after, {layer}")


RANDOM_FAMILIES_JS = """([id, cases]) => { const m = nnvizExplore.model(id);
  return cases.map(c => { const cfg = {sizes: c.sizes, activation: c.activation, output: c.output, scaled: c.scaled,
                                       seed: c.seed};
    return c.draws.map(d => { const net = m.layers(cfg, d.draw);
      return {W0: net[0].W, b0: net[0].b, y: m.outputs(cfg, net, c.points)}; }); }); }"""


def compare_random_families(page, ident, vectors):
    cases = jsdata.plain(vectors["cases"])
    got = page.evaluate(RANDOM_FAMILIES_JS, [ident, cases])
    for case, answers in zip(cases, got):
        for draw, answer in zip(case["draws"], answers):
            where = (case["sizes"], case["activation"], case["seed"], draw["draw"])
            assert answer["W0"] == draw["W0"] and answer["b0"] == draw["b0"], where  # the same draw, bit for bit
            np.testing.assert_allclose(answer["y"], draw["y"], rtol=0, atol=TOLERANCE, err_msg=str(where))
    # the page's first view is the chapter's figure: draw 1 of its tanh-1-11-9-1 family, seed 0
    np.testing.assert_allclose(app_state(page, ident)["y"], cases[0]["draws"][0]["y"], rtol=0, atol=TOLERANCE)


COMPARE = {"one-neuron/weight-and-bias": compare_one_neuron, "stairs/four-pixels": compare_stairs,
           "logistic-to-nn/hidden-neurons": compare_logistic_to_nn, "learning/step-through": compare_learning,
           "random-families/draw-again": compare_random_families}


@pytest.mark.parametrize("explorable_id", EXPLORABLES)
def test_page_computes_what_the_engine_computes(open_explorable, explorable_id):
    page, problems = open_explorable(explorable_id, "file", "desktop", "light")
    module, _ = exporter(explorable_id)
    COMPARE[explorable_id](page, explorable_id, module.vectors())
    assert problems == []


# -- files: reproducible, within budget (no browser needed)


@pytest.mark.parametrize("explorable_id", EXPLORABLES)
def test_data_file_is_byte_identical_to_a_fresh_export(built_site, explorable_id):
    module, path = exporter(explorable_id)
    built = explore_build.data_path(ROOT, explorable_id).read_bytes()
    fresh = jsdata.script(explorable_id, module.export(), explore_build.key(ROOT, path)).encode()
    assert fresh == built
    assert (built_site / "explorables" / f"{explorable_id}.js").read_bytes() == built


@pytest.mark.parametrize("explorable_id", EXPLORABLES)
def test_data_and_code_fit_in_200_kb_gzipped(built_site, explorable_id):
    files = [f"explorables/{explorable_id}.js", f"assets/js/explore/{explorable_id}.js", "explorables/theme.js",
             "assets/js/explore/core.js", "assets/css/explore.css"]
    total = sum(len(gzip.compress((built_site / f).read_bytes(), mtime=0)) for f in files)
    assert total <= BUDGET, f"{explorable_id}: {total / 1024:.0f} kB gzipped"


@pytest.mark.parametrize("explorable_id", EXPLORABLES)
def test_print_shows_the_static_figure_instead_of_the_app(open_explorable, explorable_id):
    page, problems = open_explorable(explorable_id, "file", "desktop", "light")
    page.emulate_media(media="print")
    figure = page.locator(FIGURE.format(explorable_id))
    assert figure.locator(":scope > figure.nnviz-figure").is_visible()
    assert not figure.locator(".nnviz-x-app").is_visible()
    assert problems == []


# The explorables that take the place of an animation (stairs keeps its static diagram in view).
HIDE_AN_ANIMATION = [ident for ident in EXPLORABLES if ident != "stairs/four-pixels"]

PLAYER_STATE = """p => { const v = p.querySelector('video');
  return {frame: p.nnvizPlayer.frame(), paused: v.paused, time: v.currentTime, seeking: v.seeking}; }"""


@pytest.mark.parametrize("explorable_id", HIDE_AN_ANIMATION)
def test_watch_as_an_animation_swaps_in_the_player_and_back_by_keyboard(open_explorable, explorable_id):
    """The animation an explorable stands in for is one key press away, in its place, and its
    player works there; the same button, renamed, brings the explorable back."""
    page, problems = open_explorable(explorable_id, "http", "desktop", "light")
    fig = page.locator(FIGURE.format(explorable_id))
    app, poster = fig.locator(".nnviz-x-app"), fig.locator(":scope > figure.nnviz-figure")
    player = poster.locator(".nnviz-player")
    assert app.is_visible() and not poster.is_visible()
    press(page, fig.get_by_role("button", name="Watch as an animation", exact=True), "Enter")
    toggle = fig.get_by_role("button", name="Explore it yourself", exact=True)
    assert toggle.evaluate("b => b === document.activeElement") and focus_ring(page) >= 2
    assert poster.is_visible() and player.is_visible() and not poster.evaluate("p => p.inert")
    assert not app.is_visible() and not fig.locator(":scope > figcaption.nnviz-x-caption").is_visible()
    assert fig.get_attribute("data-view") == "animation"
    # the player works: its video loads, the keyboard steps it, its play button plays it
    video = player.locator("video")
    page.wait_for_function("v => v.readyState >= 1", arg=video.element_handle())
    press(page, video, "Home")
    page.wait_for_function(f"p => ({PLAYER_STATE})(p).frame === 0 && !p.querySelector('video').seeking",
                           arg=player.element_handle())
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"p => ({PLAYER_STATE})(p).frame === 1 && !p.querySelector('video').seeking",
                           arg=player.element_handle())
    state = player.evaluate(PLAYER_STATE)
    assert state["paused"] and state["time"] > 0
    press(page, player.get_by_role("button", name="Play"), "Enter")
    page.wait_for_function(f"([p, t]) => {{ const s = ({PLAYER_STATE})(p); return !s.paused && s.time > t; }}",
                           arg=[player.element_handle(), state["time"]])
    # and back: the explorable in its place again, the animation paused and out of reach
    press(page, toggle, "Enter")
    assert fig.get_by_role("button", name="Watch as an animation", exact=True).evaluate("b => b === document.activeElement")
    assert app.is_visible() and not poster.is_visible() and poster.evaluate("p => p.inert")
    assert fig.locator(":scope > figcaption.nnviz-x-caption").is_visible() and fig.get_attribute("data-view") == "explorable"
    assert player.evaluate(PLAYER_STATE)["paused"]
    assert problems == []


def test_without_javascript_every_explorable_is_its_static_figure(browser, built_site):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    try:
        page = context.new_page()
        for explorable_id, name in EXPLORABLES.items():
            page.goto((built_site / name).as_uri())
            figure = page.locator(FIGURE.format(explorable_id))
            assert figure.locator(":scope > figure.nnviz-figure img, :scope > figure.nnviz-figure video").count() > 0
            assert figure.locator(":scope > figure.nnviz-figure").is_visible(), explorable_id
            assert figure.locator(".nnviz-x-app").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("transport", ["http", "file"])
def test_an_explorable_far_below_starts_only_when_scrolled_near(browser, built_site, site_server, transport):
    """Nothing of an explorable two screens or more below is fetched, parsed or drawn at page load
    (Lighthouse's mobile score): its poster shows until the reader comes near, then it starts."""
    ident = "logistic-to-nn/hidden-neurons"
    sel = FIGURE.format(ident)
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page, fetched = context.new_page(), []
        page.on("request", lambda r: fetched.append(r.url))
        name = EXPLORABLES[ident]
        page.goto(site_server + name if transport == "http" else (built_site / name).as_uri(), wait_until="load")
        # two frames after load: the core has run and its viewport observer has reported
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        assert page.evaluate("() => typeof nnvizExplore") == "object"
        assert page.evaluate("sel => document.querySelector(sel).getBoundingClientRect().top", sel) > 2 * PHONE["height"]
        assert page.get_attribute(sel, "data-state") is None
        assert page.locator(sel).get_attribute("class") == "nnviz-explorable"  # not live
        assert page.evaluate("id => (window.nnvizExplorableData || {})[id] === undefined", ident)
        assert not [u for u in fetched if ident in u], "an explorable far below was fetched at load"
        assert page.locator(sel + " > figure.nnviz-figure").is_visible()  # its poster
        assert settle(page, ident) == "ready"
        mine = sorted(u for u in fetched if ident in u)  # its data and its code, once each
        assert len(mine) == 2 and mine[0].endswith(f"/assets/js/explore/{ident}.js") \
            and mine[1].endswith(f"/explorables/{ident}.js") and "/assets/" not in mine[1], mine
        assert page.locator(sel + " canvas").count() > 0
    finally:
        context.close()


def test_random_families_names_what_it_ignores_in_the_address(open_explorable):
    ident = "random-families/draw-again"
    first, problems = open_explorable(ident, "http", "desktop", "light")
    page = first.context.new_page()  # a second tab: navigating the first would cancel its favicon request
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(f"console {m.type}: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.goto(first.url.split("?")[0] + "?seed=5&draw=80&net=1-500-1&act=tanh")
    assert settle(page, ident) == "ready"
    state = app_state(page, ident)
    assert (state["seed"], state["draw"], state["sizes"]) == (5, 1, [1, 11, 9, 1])
    note = page.locator(FIGURE.format(ident) + " .nnviz-x-rf-ignored").text_content()
    assert "draw=80" in note and "net=1-500-1" in note and "seed" not in note.split("draw=80")[0].replace("address", "")
    assert problems == []


# -- the review's findings (issue 21's explorables read by someone who did not build them)


def palette_of(page) -> dict:
    return page.evaluate("() => nnvizExplorableTheme[document.body.dataset.mdColorScheme === 'slate' ? 'dark' : 'light']")


def test_stairs_logistic_row_is_the_articles_second_model(open_explorable):
    ident = "stairs/four-pixels"
    page, problems = open_explorable(ident, "file", "desktop", "light")
    fig = page.locator(FIGURE.format(ident))
    module = exporter(ident)[0]
    picture = np.array([[175, 10, 186, 200]], dtype=float)
    fig.get_by_role("button", name="the article's picture 2 (stairs)").click()
    state = app_state(page, ident)
    want = module.vectors()  # the article's picture 2 is the second row of the vectors
    np.testing.assert_allclose(want["pictures"][1], picture[0])
    assert state["logisticScore"] == pytest.approx(want["logisticScore"][1], abs=TOLERANCE, rel=0)
    assert state["logisticScore"] != pytest.approx(state["score"])  # its own weights, not the perceptron's score
    table = fig.locator("table").text_content()
    assert "Logistic regression (the article's second weights" in table and "with a sigmoid" not in table
    z = fmt(state["logisticScore"], 2)
    expect_text(status(page, ident), "logistic regression (its own weights): score " + ("" if z[0] == "\u2212" else "+") + z)
    caption = fig.text_content()
    assert "the same score through a sigmoid" not in caption
    # the loaded picture is pressed, the others are not; the pixel sliders say integers
    pressed = fig.locator(".nnviz-x-buttons button[aria-pressed=true]")
    assert pressed.count() == 1 and pressed.get_attribute("aria-label") == "the article's picture 2 (stairs)"
    assert fig.get_by_role("slider", name="pixel x1 (top left)").get_attribute("aria-valuetext") == "175"
    press(page, fig.get_by_role("slider", name="pixel x1 (top left)"), "ArrowRight")
    assert fig.locator(".nnviz-x-buttons button[aria-pressed=true]").count() == 0
    assert problems == []


def test_stairs_picture_buttons_sit_on_one_row_at_1280(open_explorable):
    ident = "stairs/four-pixels"
    page, problems = open_explorable(ident, "file", "desktop", "light")
    tops = page.evaluate("sel => [...document.querySelectorAll(sel + ' .nnviz-x-buttons button')]"
                         ".map(b => Math.round(b.getBoundingClientRect().top))", FIGURE.format(ident))
    assert len(tops) == 6 and len(set(tops)) == 1, tops


@pytest.mark.parametrize("explorable_id", EXPLORABLES)
def test_buttons_are_at_least_40_px_tall_on_a_phone(open_explorable, explorable_id):
    page, problems = open_explorable(explorable_id, "http", "phone", "light")
    heights = page.evaluate("""sel => [...document.querySelectorAll(`${sel} .nnviz-x-app button.nnviz-x-button, ${sel} .nnviz-x-swap`)]
        .filter(b => b.getClientRects().length).map(b => [b.textContent, b.getBoundingClientRect().height])""",
                            FIGURE.format(explorable_id))
    assert heights and all(h >= 40 for _, h in heights), heights


def test_logistic_to_nn_maps_are_one_tab_stop_moved_by_arrows(open_explorable):
    ident = "logistic-to-nn/hidden-neurons"
    page, problems = open_explorable(ident, "file", "desktop", "light")
    fig = page.locator(FIGURE.format(ident))
    fig.get_by_role("button", name="50", exact=True).click()
    maps = fig.locator("button.nnviz-x-map")
    assert maps.count() == 50
    assert fig.locator("button.nnviz-x-map[tabindex='0']").count() == 1
    press(page, maps.first, "End")
    assert app_state(page, ident)["focus"] == 49
    expect_text(status(page, ident), "Hidden neuron 50 of 50")
    page.keyboard.press("ArrowLeft")
    assert app_state(page, ident)["focus"] == 48
    assert maps.nth(48).get_attribute("tabindex") == "0" and fig.locator("button.nnviz-x-map[tabindex='0']").count() == 1
    page.keyboard.press("Home")
    assert app_state(page, ident)["focus"] == 0
    page.keyboard.press("ArrowRight")
    assert app_state(page, ident)["focus"] == 1
    page.keyboard.press("Tab")  # one Tab leaves the grid
    assert not page.evaluate("() => document.activeElement.classList.contains('nnviz-x-map')")
    page.keyboard.press("Shift+Tab")  # and comes back to the neuron last visited
    assert app_state(page, ident)["focus"] == 1
    assert problems == []


def test_logistic_to_nn_hidden_maps_use_the_output_colours_with_a_key(open_explorable):
    ident = "logistic-to-nn/hidden-neurons"
    page, problems = open_explorable(ident, "file", "desktop", "light")
    fig = page.locator(FIGURE.format(ident))
    pal = palette_of(page)
    key = fig.get_by_role("img", name="Colour key of the hidden neurons' maps: output \u22121 purple, 0 background, +1 green")
    gradient = key.locator(".nnviz-x-key-bar").evaluate("e => getComputedStyle(e).backgroundImage")
    assert all(rgb(c) in gradient for c in pal["out"])
    # a map's pixels are mixes of the output colours, never of the class colours
    page.wait_for_function("sel => document.querySelector(sel + ' .nnviz-x-maps').dataset.drawn", arg=FIGURE.format(ident))
    pixel = page.evaluate("""sel => { const c = document.querySelector(sel + ' button.nnviz-x-map canvas');
        const g = c.getContext('2d'), p = g.getImageData(2, 2, 1, 1).data; return [p[0], p[1], p[2]]; }""",
                          FIGURE.format(ident))
    out = [np.array([int(h[i:i + 2], 16) for i in (1, 3, 5)]) for h in pal["out"]]
    on_ramp = min(np.abs(np.array(pixel) - (out[1] + t * (out[k] - out[1]))).max()
                  for k in (0, 2) for t in np.linspace(0, 1, 256))
    assert on_ramp <= 3, pixel
    loss = fig.locator(".nnviz-x-legend li:nth-child(1) .nnviz-x-mark").evaluate(
        "e => getComputedStyle(e).getPropertyValue('--nnviz-x-mark').trim()")
    assert loss == pal["series"][0] and loss not in pal["classes"]
    assert problems == []


def canvas_pixel(page, ident, index, x, y):
    return page.evaluate("""([sel, k, x, y]) => { const c = document.querySelectorAll(sel + ' canvas')[k], r = devicePixelRatio;
        const p = c.getContext('2d').getImageData(Math.round(x * r), Math.round(y * r), 1, 1).data; return rgbOf(p);
        function rgbOf(p) { return `rgb(${p[0]}, ${p[1]}, ${p[2]})`; } }""", [FIGURE.format(ident), index, x, y])


def test_learning_announces_each_layer_and_follows_it(open_explorable):
    ident = "learning/step-through"
    page, problems = open_explorable(ident, "file", "desktop", "light")
    fig = page.locator(FIGURE.format(ident))
    steps = exporter(ident)[0].vectors()["steps"][0]
    forward = fig.get_by_role("button", name="Forward")
    press(page, forward, "Enter")  # hidden layer 1: its z and a, node by node
    z, a = steps["z"][0], steps["a"][1]
    expect_text(status(page, ident), f"forward: hidden layer 1: node 1 z {fmt(z[0], 2)}, a {fmt(a[0], 2)}; "
                                     f"node 2 z {fmt(z[1], 2)}, a {fmt(a[1], 2)}.")
    assert app_state(page, ident)["matrix"] == 1
    page.keyboard.press("Enter")
    z, a = steps["z"][1], steps["a"][2]
    expect_text(status(page, ident), f"forward: hidden layer 2: node 1 z {fmt(z[0], 2)}, a {fmt(a[0], 2)}")
    assert app_state(page, ident)["matrix"] == 2
    assert fig.get_by_role("button", name="hidden 2").get_attribute("aria-pressed") == "true"
    page.keyboard.press("Enter")
    expect_text(status(page, ident), f"the output and its cost: z {fmt(steps['z'][2][0], 2)}, a = output")
    assert app_state(page, ident)["matrix"] == 3
    drawn = page.get_attribute(FIGURE.format(ident) + " canvas", "data-drawn")
    page.keyboard.press("Enter")  # the output's error: its node filled from the output colours, not a class colour
    page.wait_for_function("([sel, n]) => document.querySelector(sel + ' canvas').dataset.drawn !== n",
                           arg=[FIGURE.format(ident), drawn])  # repainted (on the next frame)
    W = page.evaluate("sel => document.querySelector(sel + ' canvas').clientWidth", FIGURE.format(ident))
    H = page.evaluate("sel => document.querySelector(sel + ' canvas').clientHeight", FIGURE.format(ident))
    pal = palette_of(page)
    fill = canvas_pixel(page, ident, 0, round(14 + 0.9 * (W - 60)), 24 + (H - 80) * 0.5)
    assert fill == rgb(pal["out"][0 if steps["delta"][2][0] < 0 else 2]), fill
    assert "\u2202C/\u2202z" in fig.text_content()
    assert problems == []


def test_one_neuron_epoch_slider_leaves_the_path_and_the_arrow_shows(open_explorable):
    ident = "one-neuron/weight-and-bias"
    page, problems = open_explorable(ident, "file", "desktop", "light")
    fig = page.locator(FIGURE.format(ident))
    epoch = fig.get_by_role("slider", name="descent epoch")
    assert epoch.get_attribute("aria-valuetext") == "epoch 0 of 300"
    # far from the valley the downhill arrow shows; at the trained neuron (slope 0.000) it is gone, no stub
    page.wait_for_function("id => nnvizExplore.app(id).state.arrow > 9", arg=ident)
    fig.get_by_role("button", name="Trained neuron").click()
    page.wait_for_function("id => nnvizExplore.app(id).state.arrow === 0", arg=ident)
    state = app_state(page, ident)
    assert state["epoch"] is None and epoch.get_attribute("aria-valuetext") == "off the descent path"
    assert fig.locator(".nnviz-x-slider output").filter(has_text="\u2014").count() == 1
    expect_text(status(page, ident), "\u2202L/\u2202w 0.000, \u2202L/\u2202b 0.000")
    canvas = fig.locator("canvas").nth(1)
    box = canvas.bounding_box()
    canvas.click(position={"x": 58 + (box["width"] - 70) / 2, "y": 12 + (box["height"] - 58) / 2})
    assert app_state(page, ident)["epoch"] is None
    press(page, epoch, "End")
    assert app_state(page, ident)["epoch"] == 300 and epoch.get_attribute("aria-valuetext") == "epoch 300 of 300"
    assert "300 epochs" in fig.locator(".nnviz-x-legend").text_content()
    assert problems == []


def test_random_families_map_is_coloured_by_the_output_scale(open_explorable):
    ident = "random-families/draw-again"
    page, problems = open_explorable(ident, "file", "desktop", "light")
    fig = page.locator(FIGURE.format(ident))
    fig.get_by_role("button", name="2 (map)").click()
    expect_text(status(page, ident), "of the square")
    pal = palette_of(page)
    # the colour bar's ends: the top and bottom of a strip 12 px right of the map
    ends = page.evaluate("""sel => { const c = [...document.querySelectorAll(sel + ' canvas')].find(c => c.clientHeight > 100),
        g = c.getContext('2d'), r = devicePixelRatio, img = g.getImageData(0, 0, c.width, c.height).data, seen = new Set();
        for (let x = 0; x < c.width; x++) { const o = 4 * (Math.round(20 * r) * c.width + x);
          seen.add(`rgb(${img[o]}, ${img[o + 1]}, ${img[o + 2]})`); }
        return [...seen].map(t => t.match(/\\d+/g).map(Number)); }""", FIGURE.format(ident))

    def near(hex_colour):
        want = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)])
        return any(np.abs(np.array(p) - want).max() <= 10 for p in ends)
    # the bar's top, the largest output, is the output scale's green end; no class colour anywhere on the row
    assert near(pal["out"][2]) and not near(pal["classes"][0]) and not near(pal["classes"][1])
    assert problems == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_one_neuron_map_has_the_loss_surface_figures_colour_scale(open_explorable, theme):
    """The map and the static figure one-neuron/loss-surface right after it: the same levels, the same
    colour map from the theme, log-scaled, darker: lower; the minimum in the darkest colour of the scale."""
    import matplotlib as mpl
    from matplotlib.colors import LogNorm

    from nnviz.explore import chapters
    from nnviz.render.theme import THEMES

    ident = "one-neuron/weight-and-bias"
    page, problems = open_explorable(ident, "file", "desktop", theme)
    module = exporter(ident)[0]
    figure_module = chapters.script("one_neuron.py")
    x, y = figure_module.samples(0)
    levels = page.evaluate("id => window.nnvizExplorableData[id].lossKey.levels", ident)
    np.testing.assert_allclose(levels, module.figure_levels(figure_module, x, y), rtol=1e-5)
    # the figure's colour of each band (contourf with LogNorm: the geometric mean of its two levels)
    cmap, norm = mpl.colormaps[THEMES[theme].cmap_seq], LogNorm(levels[0], levels[-1])
    mids = [float(np.sqrt(a * b)) for a, b in zip(levels[:-1], levels[1:])]
    want = [np.round(np.array(cmap(norm(v))[:3]) * 255) for v in mids]
    got = page.evaluate("([id, ls]) => ls.map(L => nnvizExplore.app(id).lossColor(L))", [ident, mids])
    np.testing.assert_allclose(got, want, atol=3)  # 33 stops, linear between them: within 3/255
    # the minimum: the darkest end of the scale, the darkest of all the bands; higher loss, lighter colour
    state = page.evaluate("""id => { const d = window.nnvizExplorableData[id], m = nnvizExplore.model(id);
        return m.lossGrad(d.trained.w, d.trained.b).loss; }""", ident)
    lowest = page.evaluate("([id, L]) => nnvizExplore.app(id).lossColor(L)", [ident, state])
    assert lowest == list(np.round(np.array(cmap(0.0)[:3]) * 255)), lowest
    lum = [0.2126 * r + 0.7152 * g + 0.0722 * b for r, g, b in [lowest] + got]
    assert lum == sorted(lum) and lum[0] < lum[1]
    # the key says which way is lower
    assert "darker is lower" in page.locator(FIGURE.format(ident)).get_by_role("img", name="Colour key of the loss",
                                                                              exact=False).get_attribute("aria-label")
    # and the map is painted in those colours: at cell centres away from the marks, the colour of the loss there
    probe = page.evaluate("""id => { const fig = document.querySelector('figure[data-explorable="' + id + '"]');
        const c = fig.querySelectorAll('canvas')[1], g = c.getContext('2d'), r = devicePixelRatio;
        const m = nnvizExplore.model(id), app = nnvizExplore.app(id), W = c.clientWidth, H = c.clientHeight;
        const box = {x: 58, y: 12, w: W - 70, h: H - 58}, d = window.nnvizExplorableData[id], out = [];
        const img = g.getImageData(0, 0, c.width, c.height).data;  // one readback
        for (let i = 0; i < 5; i++) for (let j = 0; j < 4; j++) {
          const px = box.x + 2 * Math.floor((0.1 + 0.2 * i) * box.w / 2) + 1, py = box.y + 2 * Math.floor((0.1 + 0.22 * j) * box.h / 2) + 1;
          const w = d.wRange[0] + (px - box.x) / box.w * (d.wRange[1] - d.wRange[0]);
          const b = d.bRange[1] - (py - box.y) / box.h * (d.bRange[1] - d.bRange[0]);
          const o = 4 * (Math.floor(py * r) * c.width + Math.floor(px * r)), p = img.slice(o, o + 3);
          out.push([[p[0], p[1], p[2]], app.lossColor(m.loss(w, b))]);
        }
        return out; }""", ident)
    close = [np.abs(np.array(a) - np.array(b)).max() <= 3 for a, b in probe]
    assert sum(close) >= 16, probe  # a contour line or the path may cross a few of the 20 probes
    assert problems == []


def test_one_neuron_touch_drag_on_the_map_moves_the_neuron_not_the_page(open_explorable):
    """A vertical finger drag on the loss map sets b (the page does not scroll); the same drag on the
    curve beside it still scrolls the page. Real touches, through the browser's input pipeline (CDP)."""
    ident = "one-neuron/weight-and-bias"
    page, problems = open_explorable(ident, "file", "phone", "light")
    fig = page.locator(FIGURE.format(ident))
    canvases = fig.locator("canvas")
    canvases.nth(1).scroll_into_view_if_needed()
    cdp = page.context.new_cdp_session(page)

    def drag(x, y0, y1):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y0}]})
        for k in range(1, 11):
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y0 + (y1 - y0) * k / 10}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    box = canvases.nth(1).bounding_box()
    x, top = box["x"] + box["width"] * 0.6, box["y"] + 12 + (box["height"] - 58) * 0.3
    scroll = page.evaluate("() => scrollY")
    drag(x, top, top + 60)
    page.wait_for_function("id => Math.abs(nnvizExplore.app(id).state.b - nnvizExplore.app(id).data.start[1]) > 0.5",
                           arg=ident)
    state = app_state(page, ident)
    b_per_px = 10 / (box["height"] - 58)
    assert state["b"] == pytest.approx(5 - (top + 60 - box["y"] - 12) * b_per_px, abs=0.05)
    assert page.evaluate("() => scrollY") == scroll
    # elsewhere (the curve) a vertical swipe scrolls the page as before
    curve = canvases.nth(0).bounding_box()
    if curve["y"] < 200:
        page.evaluate("() => scrollBy(0, -200)")
        curve = canvases.nth(0).bounding_box()
    scroll = page.evaluate("() => scrollY")
    drag(curve["x"] + curve["width"] / 2, curve["y"] + curve["height"] - 20, curve["y"] + 20)
    page.wait_for_function("s => scrollY > s + 20", arg=scroll)
    assert problems == []


def test_hidden_neurons_wide_layout_and_epoch_axis(open_explorable):
    """At 1280 px with 2 hidden neurons, the hidden space sits beside the input plane it warps (not alone
    on a half-empty row); the epoch by its slider; the log epoch axis names its start and has no 0."""
    ident = "logistic-to-nn/hidden-neurons"
    page, problems = open_explorable(ident, "file", "desktop", "light")
    fig = page.locator(FIGURE.format(ident))
    fig.get_by_role("button", name="2", exact=True).click()
    plane = fig.get_by_role("img", name="The network's probability of class 1 over the input plane, with the data points")
    space = fig.get_by_role("img", name="The data points at their two hidden outputs h1 and h2, "
                                        "where the output draws a straight line")
    space.wait_for()
    a, b = plane.bounding_box(), space.bounding_box()
    assert b["x"] > a["x"] + a["width"] - 1 and abs(b["y"] - a["y"]) < 2, (a, b)
    epoch = fig.get_by_role("slider", name="epoch")
    out = fig.locator(".nnviz-x-slider output").bounding_box()
    rng = epoch.bounding_box()
    text = page.evaluate("""sel => { const o = document.querySelector(sel + ' .nnviz-x-slider output'), r = document.createRange();
        r.selectNodeContents(o); return r.getBoundingClientRect().left; }""", FIGURE.format(ident))
    assert text - (rng["x"] + rng["width"]) < 16, (text, rng, out)  # not 4 em away at the figure's edge
    page.wait_for_function("id => nnvizExplore.app(id).epochTicks", arg=ident)
    ticks = page.evaluate("id => nnvizExplore.app(id).epochTicks", ident)
    assert ticks[0] == "start" and "0" not in ticks and ticks[1:4] == ["1", "10", "100"]
    assert problems == []
