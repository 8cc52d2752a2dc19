"""What lets a reader trust and check the site (issue 26, "trust"; issue 23, the palette): each
chapter names its source article and About cites all five; the gallery in reading order, each
card linking the code that draws it, shown on the site; the lightbox with the caption, its arrows
clear of the figure; the gallery and the fit report in the reader's palette, the report linking
back. Needs /usr/bin/chromium (`make browser`) and a built site (the `built_site` fixture)."""
from __future__ import annotations

from contextlib import contextmanager

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, page_calls

from nnviz.site.sources import SOURCES

pytestmark = pytest.mark.browser


def _context(browser, width=1280, height=900, **kw):
    context = browser.new_context(viewport={"width": width, "height": height}, **kw)
    context.set_default_timeout(20_000)
    return context


# ---------------------------------------------------------------- sources


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.chapter)
def test_each_chapter_names_its_source_article_under_its_title(browser, site_server, source):
    context = _context(browser)
    page = context.new_page()
    try:
        page.goto(site_server + f"{source.chapter}.html")
        line = page.locator("article .nnviz-source")
        assert line.count() == 1
        text = line.inner_text()
        assert source.title in text
        for known in (source.author, source.date, source.where):
            if known:
                assert known in text, (known, text)
        # right under the title: nothing but the title before it
        assert page.evaluate("() => document.querySelector('article .nnviz-source').previousElementSibling.tagName") == "H1"
    finally:
        context.close()


def test_about_cites_all_five_articles(built_site):
    text = re.sub(r"<[^>]+>", "", (built_site / "about.html").read_text(encoding="utf-8"))
    for source in SOURCES:
        assert source.title.replace("&", "&amp;") in text or source.title in text, source.title
        if source.author:
            assert source.author in text


def test_stairs_names_the_article_the_first_time_it_says_the_article(browser, site_server):
    context = _context(browser)
    page = context.new_page()
    try:
        page.goto(site_server + "stairs.html")
        body = page.evaluate("""() => [...document.querySelectorAll('article > p:not(.nnviz-source)')]
                                     .map(p => p.innerText).join('\\n')""")
    finally:
        context.close()
    stairs = next(s for s in SOURCES if s.chapter == "stairs")
    first = body.lower().index("article")
    assert stairs.author in body[max(0, first - 400):first + 200], body[max(0, first - 400):first + 200]


# ---------------------------------------------------------------- the gallery


def test_the_gallery_shows_each_chapter_s_figures_in_the_order_its_page_does(built_site):
    html = (built_site / "gallery.html").read_text(encoding="utf-8")
    cards = [m.replace("--", "/") for m in re.findall(r'<figure[^>]* id="fig-([^"]+)"', html)]
    assert cards, "no cards in the gallery"
    for source in SOURCES:
        shown = [call[0] for call in page_calls(ROOT / "docs" / f"{source.chapter}.md", "figure")]
        shown = list(dict.fromkeys(shown))
        in_gallery = [c for c in cards if c.split("/")[0] == source.chapter]
        assert in_gallery[: len(shown)] == shown, source.chapter


def test_every_card_links_the_recipe_that_draws_it_and_the_site_shows_its_code(built_site):
    from nnviz.site.recipes import locate

    html = (built_site / "gallery.html").read_text(encoding="utf-8")
    cards = re.findall(r'<figure[^>]* id="fig-([^"]+)".*?</figure>', html, re.S)
    bodies = re.findall(r'<figure[^>]* id="fig-[^"]+".*?</figure>', html, re.S)
    recipes = locate(ROOT)
    assert len(cards) == len(recipes)
    for fig, body in zip(cards, bodies):
        fig_id = fig.replace("--", "/", 1)
        link = re.search(r'<a class="nnviz-recipe" href="([^"]+)"', body)
        assert link, f"{fig_id}: no link to its recipe"
        url = urlsplit(link[1])
        assert not url.scheme and not url.netloc, link[1]  # on the site: works offline
        assert url.path.endswith(".html"), link[1]
        target = built_site / url.path
        assert target.is_file(), link[1]
        code = target.read_text(encoding="utf-8")
        assert f'id="{url.fragment}"' in code, f"{fig_id}: no anchor {url.fragment}"
        # the anchored line is the recipe's decorator: the next def is the recipe, highlighted
        line = int(url.fragment.rsplit("-", 1)[1])
        source = (ROOT / "figures_src" / recipes[fig_id].script).read_text(encoding="utf-8").splitlines()
        assert source[line - 1].lstrip().startswith("@"), (fig_id, source[line - 1])
        next_def = next(text for text in source[line - 1:] if text.lstrip().startswith("def "))
        assert f"def {recipes[fig_id].function}(" in next_def, (fig_id, next_def)
        assert 'class="highlight"' in code and '<span class="k">def</span>' in code


def test_the_recipe_pages_stay_out_of_search(built_site):
    import json

    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("recipes/")]


@pytest.mark.parametrize("size", [(1280, 800), (1024, 768), (1440, 900)])
@pytest.mark.parametrize("fig", ["stairs--hidden-weights", "stairs--stairs-samples"])
def test_the_lightbox_shows_the_caption_and_its_arrows_leave_the_figure_clear(browser, site_server, size, fig):
    context = _context(browser, *size, reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(site_server + "gallery.html")
        card = page.locator(f"#fig-{fig}")
        caption = card.locator("figcaption").inner_text()
        card.locator("a.glightbox:visible").first.click()
        slide = page.locator(".gslide.current")
        slide.locator(".gslide-image img").wait_for(state="visible")
        page.wait_for_function("""() => { const i = document.querySelector('.gslide.current .gslide-image img');
            return i && i.complete && i.getBoundingClientRect().width > 100; }""")
        desc = slide.locator(".gslide-desc")
        assert desc.is_visible()
        assert caption.split(".")[0][-40:] in desc.inner_text()
        img = slide.locator(".gslide-image img").bounding_box()
        for arrow in (".gprev", ".gnext"):
            a = page.locator(f".glightbox-container {arrow}").bounding_box()
            overlap = min(img["x"] + img["width"], a["x"] + a["width"]) - max(img["x"], a["x"])
            assert overlap <= 0, f"{arrow} covers the figure by {overlap:.0f} px at {size}"
        d = desc.bounding_box()
        assert d["y"] + d["height"] <= size[1] + 1, "the caption runs off the screen"
    finally:
        context.close()


@contextmanager
def _gallery_card(browser, site_server, scheme: str, figure: str = "learning--backprop-errors"):
    """(page, card): the gallery opened in `scheme`, scrolled to the card of `figure`."""
    context = _context(browser, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_server + "gallery.html")
        card = page.locator(f"#fig-{figure}")
        card.scroll_into_view_if_needed()
        yield page, card
    finally:
        context.close()


def test_in_the_dark_palette_a_gallery_animation_plays_its_dark_render(browser, site_server):
    with _gallery_card(browser, site_server, "dark") as (page, card):
        video = card.locator(".nnviz-player video")
        page.wait_for_function("(v) => !!v.getAttribute('src')", arg=video.element_handle())
        assert video.get_attribute("src").endswith(".dark.mp4")
        assert video.get_attribute("poster").endswith(".dark.png")
        assert video.evaluate("(v) => v.paused"), "a gallery animation plays before it is asked to"
        # no card opens a light GIF in the lightbox
        assert card.locator("a.glightbox").count() == 0


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_an_animation_s_downloads_follow_the_palette(browser, site_server, theme):
    context = _context(browser, color_scheme=theme)
    page = context.new_page()
    try:
        page.goto(site_server + "learning.html")
        links = page.locator("figure.nnviz-anim .nnviz-downloads").first.locator("a:visible")
        shown = {a.inner_text(): a.get_attribute("href") for a in links.all()}
    finally:
        context.close()
    for kind in ("MP4", "GIF"):  # one of each, the palette's: a GIF goes into slides of that background
        found = [href for text, href in shown.items() if kind in text]
        assert len(found) == 1, shown
        assert found[0].endswith(f".dark.{kind.lower()}") == (theme == "dark"), shown


def test_a_gallery_card_s_gif_download_switches_with_the_palette(browser, site_server):
    with _gallery_card(browser, site_server, "light") as (page, card):
        gif = card.locator(".nnviz-downloads a[href$='.gif']:visible")
        assert gif.count() == 1 and not gif.get_attribute("href").endswith(".dark.gif")
        page.locator("label.md-header__button[for^='__palette']:visible").click()  # the reader switches
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        assert gif.count() == 1 and gif.get_attribute("href").endswith("backprop-errors.dark.gif")
        assert gif.inner_text() == "GIF (dark)"


# ---------------------------------------------------------------- the fit report


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_the_fit_report_opens_in_the_palette_chosen_on_the_site_and_links_back(browser, site_server, theme):
    other = "light" if theme == "dark" else "dark"
    context = _context(browser, color_scheme=other)  # the system says the other palette
    page = context.new_page()
    try:
        page.goto(site_server + "your-own-data.html")
        page.locator(f"label.md-header__button[for^='__palette']:visible").click()  # the reader switches
        scheme = "slate" if theme == "dark" else "default"
        page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{scheme}'")
        page.locator("a[href$='examples/fit-penguins/index.html']").first.click()
        page.wait_for_url("**/examples/fit-penguins/index.html")
        assert page.evaluate("document.documentElement.dataset.theme") == theme
        bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
        dark = sum(int(v) for v in re.findall(r"\d+", bg)[:3]) < 200
        assert dark == (theme == "dark"), bg
        page.locator("header a.site").click()
        page.wait_for_url("**/your-own-data.html")
    finally:
        context.close()


# ---------------------------------------------------------------- 404


def test_the_404_page_offers_a_way_on(browser, built_site):
    context = _context(browser, 390, 800)  # a phone: the navigation hides behind the menu button
    page = context.new_page()
    try:
        page.goto((built_site / "404.html").as_uri())
        article = page.locator("article")
        assert "search" in article.inner_text().lower()
        home = article.locator("a", has_text="home page")
        assert home.is_visible()
        home.click()
        page.wait_for_url("**/index.html")
    finally:
        context.close()
