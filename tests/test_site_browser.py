"""Every built page in Debian's Chromium, over loopback HTTP and from file://, in both palettes.

A page fails on: an image that does not decode, a video whose metadata does not load, a console
error, a request that leaves 127.0.0.1 / file://, math left as raw TeX. Screenshots of every page
in both themes go to site-screenshots/ (look at them). Needs /usr/bin/chromium (`make browser`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import nav_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SHOTS = Path(os.environ.get("NNVIZ_SCREENSHOTS", ROOT / "site-screenshots"))
TIMEOUT_MS = 15_000




PAGES = nav_pages()

# ---------------------------------------------------------------- browser fixtures




@pytest.fixture(scope="session")
def contexts(browser):
    """One browser context per palette, chosen through prefers-color-scheme (the palettes' media)."""
    made = {}

    def get(theme: str):
        if theme not in made:
            made[theme] = browser.new_context(color_scheme=theme, viewport={"width": 1280, "height": 900})
            made[theme].set_default_timeout(TIMEOUT_MS)
        return made[theme]

    yield get
    for ctx in made.values():
        ctx.close()


def _url(transport: str, page: str, built_site: Path, server: str) -> str:
    return server + page if transport == "http" else (built_site / page).as_uri()


class Watched:
    """A page whose console errors, failed requests and off-site requests are recorded."""

    def __init__(self, context):
        self.page = context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))
        self.page.on("requestfailed", self._failed)
        self.page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("file", "data", "blob") or parts.hostname == "127.0.0.1":
            route.continue_()
        else:
            self.problems.append(f"off-site request: {url}")
            route.abort()

    def _failed(self, request):
        # Chromium cancels media range requests once it has what it needs, and a <picture>'s
        # source it fetched before it knew the layout (the phone variant): not failures. An image
        # that does not load is caught by LOAD_MEDIA's broken images.
        if request.resource_type in ("media", "image") and "ERR_ABORTED" in (request.failure or ""):
            return
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def close(self):
        self.page.close()


LOAD_MEDIA = """async (timeoutMs) => {
  const within = (p) => Promise.race([p, new Promise(r => setTimeout(r, timeoutMs))]);
  const imgs = [...document.images];
  imgs.forEach(i => { i.loading = "eager"; });          // lazy images, hidden dark twins too
  await within(Promise.all(imgs.map(i => i.complete ? null : new Promise(r => {
    i.addEventListener("load", r, {once: true}); i.addEventListener("error", r, {once: true});
  }))));
  const videos = [...document.querySelectorAll("video")];
  await within(Promise.all(videos.map(v => v.readyState >= 1 ? null : new Promise(r => {
    v.addEventListener("loadedmetadata", r, {once: true}); v.addEventListener("error", r, {once: true});
    if (!v.getAttribute("src") && v.dataset.src) v.src = v.dataset.src;  // the player loads lazily
    if (v.preload === "none") v.load();
  }))));
  return {
    brokenImages: imgs.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute("src")),
    brokenVideos: videos.filter(v => !(v.readyState >= 1 && Number.isFinite(v.duration) && v.duration > 0))
                        .map(v => (v.querySelector("source") || v).getAttribute("src")),
    images: imgs.length, videos: videos.length,
  };
}"""

RAW_TEX = r"""() => {
  const unrendered = [...document.querySelectorAll(".arithmatex")]
    .filter(e => !e.querySelector(".katex")).map(e => e.textContent.trim().slice(0, 60));
  // TeX delimiters in prose outside code and KaTeX output: math arithmatex did not catch.
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  const stray = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement.closest("pre, code, .katex, script, style")) continue;
    if (/\\\(|\\\[|\$\$/.test(n.textContent)) stray.push(n.textContent.trim().slice(0, 60));
  }
  return unrendered.concat(stray);
}"""


VISIBLE_IMAGES = """() => [...document.querySelectorAll("article img")]
    .filter(i => i.getClientRects().length > 0).map(i => i.getAttribute("src"))"""


def _check(watched: Watched, url: str, theme: str, shot: Path | None) -> list[str]:
    """Load a page, force every image and video to load, and list what is wrong with it."""
    page = watched.page
    page.goto(url, wait_until="load")
    scheme = page.get_attribute("body", "data-md-color-scheme")
    problems = []
    if scheme != ("slate" if theme == "dark" else "default"):
        problems.append(f"palette is {scheme!r} in the {theme} theme")
    media = page.evaluate(LOAD_MEDIA, TIMEOUT_MS - 3000)
    problems += [f"image does not decode: {src}" for src in media["brokenImages"]]
    problems += [f"video metadata does not load: {src}" for src in media["brokenVideos"]]
    problems += [f"raw TeX: {tex!r}" for tex in page.evaluate(RAW_TEX)]
    other = "#only-light" if theme == "dark" else "#only-dark"
    problems += [f"{other[1:]} image shown in the {theme} theme: {src}" for src in page.evaluate(VISIBLE_IMAGES)
                 if src.endswith(other)]
    if shot is not None:
        page.evaluate("document.fonts.ready")
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot), full_page=True)
    return problems


# ---------------------------------------------------------------- every page, four ways


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("transport,theme", [("http", "light"), ("http", "dark"), ("file", "light"),
                                             ("file", "dark")])
def test_page_loads_cleanly(page, transport, theme, built_site, site_server, contexts):
    watched = Watched(contexts(theme))
    try:
        shot = SHOTS / theme / page.replace(".html", ".png") if transport == "http" else None
        problems = _check(watched, _url(transport, page, built_site, site_server), theme, shot)
        problems = watched.problems + problems  # console and network, recorded until now
    finally:
        watched.close()
    assert problems == [], f"{transport} {theme} {page}:\n  " + "\n  ".join(problems)


def test_no_page_has_a_script_that_blocks_its_first_paint(built_site):
    """Every external script is deferred (nnviz.site.scripts, mkdocs.yml), no KaTeX script at all
    (math is typeset at build time), and the shim still comes before Material's bundle."""
    for page in PAGES:
        html = (built_site / page).read_text()
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
        blocking = [t for t in tags if not re.search(r"\b(defer|async)\b", t)]
        assert tags and blocking == [], f"{page}: {blocking}"
        assert "katex.min.js" not in html, page
        names = [re.search(r'src="([^"]+)"', t)[1].rsplit("/", 1)[-1] for t in tags]
        assert names.index("shim.js") < next(i for i, n in enumerate(names) if n.startswith("bundle.")), page


# ---------------------------------------------------------------- behaviour


def test_search_lists_results_from_a_page_opened_from_disk(built_site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context)
    try:
        page = watched.page
        page.goto((built_site / "index.html").as_uri(), wait_until="load")
        page.keyboard.press("/")
        page.keyboard.type("neuron")
        page.wait_for_selector(".md-search-result__item", timeout=TIMEOUT_MS)
        hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.href)")
    finally:
        watched.close()
        context.close()
    assert hrefs and all(h.startswith("file://") for h in hrefs), hrefs
    assert watched.problems == []


def test_palette_toggle_swaps_figures_for_their_dark_twins(built_site, site_server, browser):
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    watched = Watched(context)
    visible = f"() => ({VISIBLE_IMAGES})().map(src => new URL(src, location.href).pathname)"
    try:
        page = watched.page
        page.goto(site_server + "gallery.html", wait_until="load")
        before = page.evaluate(visible)
        page.locator("label[title='Switch to dark mode']:visible").click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        after = page.evaluate(visible)
    finally:
        watched.close()
        context.close()
    assert not any(".dark." in p for p in before)
    assert any(p.endswith(".dark.png") for p in after), after
    assert watched.problems == []


GIF_FRAMES = """async () => {
  const links = [...new Set([...document.querySelectorAll("a[href$='.gif']")].map(a => a.href))];
  const out = {};
  for (const href of links) {
    const data = await (await fetch(href)).arrayBuffer();
    const decoder = new ImageDecoder({data, type: "image/gif"});
    await decoder.tracks.ready;
    await decoder.completed;
    const last = await decoder.decode({frameIndex: decoder.tracks.selectedTrack.frameCount - 1});
    out[new URL(href).pathname.split("/figures/")[1]] =
      {frames: decoder.tracks.selectedTrack.frameCount, width: last.image.displayWidth};
    last.image.close();
  }
  return out;
}"""


def test_every_gif_offered_for_download_decodes_in_chromium_with_all_its_frames(built_site, site_server, browser,
                                                                               built_figures):
    """Our GIFs are written by our own encoder: Chromium's decoder must agree with the manifest."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context)
    try:
        watched.page.goto(site_server + "gallery.html", wait_until="load")
        decoded = watched.page.evaluate(GIF_FRAMES)
    finally:
        watched.close()
        context.close()
    expected = {e["files"][key]: (e, key) for e in built_figures.values() for key in ("gif", "gif_dark")
                if key in e.get("files", {})}
    assert sorted(decoded) == sorted(expected)
    for path, got in decoded.items():
        entry, key = expected[path]
        assert got == {"frames": entry["frames"], "width": entry[key]["size"][0]}, path
    assert watched.problems == []
