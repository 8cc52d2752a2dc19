"""Accessibility of every built page in both palettes, measured in Debian's Chromium.

- axe-core (npm, pinned in package-lock.json, injected from node_modules: no network) finds no
  violation of serious or critical impact (names of links and images, colour contrast, links
  told apart from text, ARIA...). https://github.com/dequelabs/axe-core/blob/develop/doc/rule-descriptions.md
- Nothing the keyboard reaches is invisible: the twin of the other palette (Material hides its
  image with display: none) must not leave a focusable link behind.

The palette is chosen through prefers-color-scheme, the media queries of mkdocs.yml's palettes,
and checked on <body data-md-color-scheme>. One browser per module; site/ built once per session.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import nav_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCHEMES = {"light": "default", "dark": "slate"}
BLOCKING = ("serious", "critical")  # axe impacts that fail the test; minor and moderate are reported only




PAGES = nav_pages() + ["recipes/stairs.html", "404.html"]  # and a figure script's code page, the 404 page




@pytest.fixture(scope="module")
def themed_page(browser, site_server):
    """open(theme, page) -> a Playwright page showing site page `page` in palette `theme`; offline."""
    contexts = {}

    def open_(theme: str, name: str):
        if theme not in contexts:
            ctx = browser.new_context(color_scheme=theme, viewport={"width": 1280, "height": 900})
            ctx.set_default_timeout(15_000)
            ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
                (site_server, "data:", "blob:")) else route.abort())
            contexts[theme] = (ctx, ctx.new_page())
        page = contexts[theme][1]
        page.goto(site_server + name, wait_until="load")
        scheme = page.get_attribute("body", "data-md-color-scheme")
        assert scheme == SCHEMES[theme], f"{name}: palette {scheme!r} in the {theme} theme"
        return page

    yield open_
    for ctx, _ in contexts.values():
        ctx.close()


AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ["violations"]});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(" ") + (n.any[0] ? " :: " + n.any[0].message : ""))}));
}"""


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the loaded page: [{id, impact, help, count, nodes (first 4)}]."""
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} not found: run `make setup` (npm ci installs axe-core)")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


@pytest.mark.parametrize("theme", list(SCHEMES))
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_or_critical_violation(name, theme, themed_page):
    violations = axe_violations(themed_page(theme, name))
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], f"{theme} {name}:\n" + "\n".join(json.dumps(v, indent=1) for v in blocking)


# Every element the Tab key stops at (tabindex >= 0, not disabled), focused in turn: is it shown?
# Programmatic focus reaches the same elements as Tab (an element under display: none cannot be
# focused), without pressing Tab hundreds of times on the gallery.
FOCUS_WALK = """() => {
  const style = document.createElement("style");      // the state after focus, not mid-transition
  style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
  document.head.append(style);
  const sel = "a[href], area[href], button, input, select, textarea, summary, iframe, video[controls], " +
              "audio[controls], [contenteditable=''], [contenteditable='true'], [tabindex]";
  const shown = (el) => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width >= 1 && r.height >= 1 && s.visibility !== "hidden" && Number(s.opacity) > 0;
  };
  const out = {stops: 0, invisible: []};
  for (const el of document.querySelectorAll(sel)) {
    if (el.tabIndex < 0 || el.disabled || el.closest("[inert]")) continue;
    // Tab stops at the checked radio of a group only (or the first one when none is checked).
    if (el.type === "radio" && !el.checked &&
        document.querySelector(`input[type=radio][name="${el.name}"]:checked`)) continue;
    el.focus({preventScroll: true});
    if (document.activeElement !== el) continue;          // not focusable (display: none ...): no tab stop
    out.stops++;
    // A visually hidden control drawn by the label next to it, which shows its focus ring
    // (Material's palette switch: .md-option + label), is visible.
    const next = el.nextElementSibling;
    const proxy = next && next.tagName === "LABEL" ? [next] : [];
    if (!shown(el) && ![...(el.labels || []), ...proxy].some(shown)) out.invisible.push(el.outerHTML.slice(0, 200));
  }
  document.activeElement.blur();
  style.remove();
  return out;
}"""


@pytest.mark.parametrize("theme", list(SCHEMES))
@pytest.mark.parametrize("name", PAGES)
def test_every_keyboard_stop_is_visible(name, theme, themed_page):
    walk = themed_page(theme, name).evaluate(FOCUS_WALK)
    assert walk["stops"] > 0, f"{name}: no keyboard stop found at all: the walk is broken"
    assert walk["invisible"] == [], (f"{theme} {name}: {len(walk['invisible'])} of {walk['stops']} keyboard stops "
                                     "are invisible:\n  " + "\n  ".join(walk["invisible"][:10]))


TWINS = """<html><head><style>img { width: 20px; height: 20px }</style></head><body data-md-color-scheme="SCHEME">
<article class="md-typeset">
<a id="light" href="#"><img src="data:,x#only-light" alt="L"></a>
<a id="dark" href="#"><img src="data:,x#only-dark" alt="D"></a>
<a id="both" href="#"><img src="data:,x#only-light" alt="B"> <img src="data:,x#only-dark" alt="B"></a>
<a id="plain" href="#"><img src="data:,x" alt="P"></a></article></body></html>"""


@pytest.mark.parametrize("scheme,hidden", [("default", ["dark"]), ("slate", ["light"])])
def test_only_a_link_whose_every_image_is_the_other_palettes_twin_is_hidden(scheme, hidden, browser, built_site):
    """nnviz.css with Material's own stylesheet (which hides the twin images): a link around both
    twins (the gallery's animation cards) or around a plain image stays."""
    material = next((built_site / "assets" / "stylesheets").glob("main.*.min.css"))
    page = browser.new_page()
    try:
        page.set_content(TWINS.replace("SCHEME", scheme))
        for css in (material, built_site / "assets" / "css" / "nnviz.css"):
            page.add_style_tag(content=css.read_text(encoding="utf-8"))
        shown = page.evaluate("() => Object.fromEntries([...document.querySelectorAll('a')]"
                              ".map(a => [a.id, getComputedStyle(a).display !== 'none']))")
    finally:
        page.close()
    assert shown == {name: name not in hidden for name in ("light", "dark", "both", "plain")}
