"""The page macros on a tiny fake manifest: what each expands to, and how mistakes are reported."""

from __future__ import annotations

import pytest

from nnviz.site.macros import Chapter, MacroError, Manifest, expand, figures_url_for, parse_call

MANIFEST = Manifest({"figures": [
    {"id": "one/curve", "chapter": "one", "name": "curve", "kind": "png",
     "caption": "A curve; note the peak.", "alt": "A bell [curve]",
     "files": {"png": "one/curve.png", "png_dark": "one/curve.dark.png"},
     "facts": {"peak": "0.399"}, "size": [640, 400]},
    {"id": "one/diagram", "chapter": "one", "name": "diagram", "kind": "svg", "caption": "A diagram.",
     "alt": "Circles and lines",
     "files": {"svg": "one/diagram.svg", "svg_dark": "one/diagram.dark.svg",
               "png": "one/diagram.png", "png_dark": "one/diagram.dark.png"}},
    {"id": "two/fit", "chapter": "two", "name": "fit", "kind": "anim", "caption": "The fit.", "alt": "A moving curve",
     "files": {"gif": "two/fit.gif", "mp4": "two/fit.mp4", "poster": "two/fit.png", "gif_dark": "two/fit.dark.gif",
               "mp4_dark": "two/fit.dark.mp4", "poster_dark": "two/fit.dark.png"},
     "fps": 12, "clock": "epoch", "labels": ["epoch 0", "epoch 5", "epoch 10"], "repeats": [13, 1, 25],
     "slides": {"mp4": "slides/two/fit.light.mp4", "mp4_dark": "slides/two/fit.dark.mp4"}},
]})


def run(text: str, page: str = "one.md", **kw) -> str:
    return expand(text, MANIFEST, page=page, **kw)


def test_png_figure_shows_light_and_dark_twins_with_caption():
    out = run('{{ figure("one/curve") }}')
    assert "![A bell \\[curve\\]](figures/one/curve.png#only-light)" in out
    assert "(figures/one/curve.dark.png#only-dark)" in out
    assert "/// caption" in out and "A curve; note the peak." in out


def test_figure_paths_are_relative_to_the_page():
    assert "(../figures/one/curve.png#only-light)" in run('{{ figure("one/curve") }}', page="sub/page.md")
    assert figures_url_for("index.md") == "figures"


def test_svg_figure_embeds_the_svg_twins():
    out = run('{{ figure("one/diagram") }}')
    assert "(figures/one/diagram.svg#only-light)" in out and "(figures/one/diagram.dark.svg#only-dark)" in out


def test_anim_figure_is_the_player_markup_with_both_palettes_clock_and_downloads():
    import html
    import re

    out = run('{{ figure("two/fit") }}')
    player = re.search(r'<div class="nnviz-player"([^>]*)><noscript>.*?</noscript><video([^>]*)></video>(.*?)</div>',
                       out)
    assert player, out
    attrs = lambda text: {k: html.unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', text)}  # noqa: E731
    outer, video = attrs(player[1]), attrs(player[2])
    assert outer == {"data-fps": "12", "data-clock": "epoch", "data-labels": '["epoch 0","epoch 5","epoch 10"]',
                     "data-repeats": "[13,1,25]"}
    assert video["data-src"] == "figures/two/fit.mp4" and video["data-src-dark"] == "figures/two/fit.dark.mp4"
    assert video["data-poster"] == "figures/two/fit.png" and video["data-poster-dark"] == "figures/two/fit.dark.png"
    assert video["preload"] == "none" and video["aria-label"] == "A moving curve"
    assert " src=" not in player[2] and "autoplay" not in player[2]  # nothing loads or plays by itself
    assert "[GIF](figures/two/fit.gif){ download }" in out and "[MP4](figures/two/fit.mp4){ download }" in out
    # the still (no script, print): the poster twins, lazy, linking the MP4
    still = player[3]
    assert 'class="nnviz-player__still" href="figures/two/fit.mp4"' in still
    assert 'src="figures/two/fit.png#only-light"' in still and 'src="figures/two/fit.dark.png#only-dark"' in still
    assert still.count('loading="lazy"') == 2


def test_without_script_an_animation_is_a_video_with_its_source_poster_and_controls():
    import html
    import re

    out = run('{{ figure("two/fit") }}')
    fallback = re.findall(r"<noscript>(.*?)</noscript>", out)
    assert len(fallback) == 1, out
    video = re.fullmatch(r"<video ([^>]*)></video>", fallback[0])
    assert video, fallback
    attrs = {k: html.unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', video[1])}
    assert attrs["src"] == "figures/two/fit.mp4" and attrs["poster"] == "figures/two/fit.png"
    assert attrs["preload"] == "none" and attrs["aria-label"] == "A moving curve"
    assert re.search(r"(^| )controls( |$)", video[1])


def test_anim_as_gif_embeds_the_gif():
    out = run('{{ figure("two/fit", as="gif") }}')
    assert "](figures/two/fit.gif#only-light){" in out and "<video" not in out
    assert "](figures/two/fit.dark.gif#only-dark){" in out  # the dark twin, as for still images


def _palette_spans(text: str) -> tuple[str, str]:
    import re

    light = re.findall(r'<span class="nnviz-for-light">(.*?)</span>', text)
    dark = re.findall(r'<span class="nnviz-for-dark">(.*?)</span>', text)
    assert len(light) == len(dark) == 1, text
    return light[0], dark[0]


def test_an_animation_s_downloads_are_the_gif_and_mp4_of_the_palette_shown():
    light, dark = _palette_spans(run('{{ figure("two/fit") }}'))
    assert light == "[GIF](figures/two/fit.gif){ download } · [MP4](figures/two/fit.mp4){ download }"
    assert dark == "[GIF (dark)](figures/two/fit.dark.gif){ download } · [MP4 (dark)](figures/two/fit.dark.mp4){ download }"


def test_a_gallery_card_offers_one_gif_the_palette_s():
    out = run("{{ gallery() }}", page="gallery.md")
    card = out[out.index("`fit`"):]
    light, dark = _palette_spans(card)
    assert light == "[GIF](figures/two/fit.gif){ download }"
    assert dark == "[GIF (dark)](figures/two/fit.dark.gif){ download }"
    assert out.count("(figures/two/fit.dark.gif)") == 1 and out.count("(figures/two/fit.gif)") == 1


def test_fact_expands_inline():
    assert run('The peak is {{ fact("one/curve", "peak") }}.') == "The peak is 0.399."


def test_unknown_figure_id_names_the_page_and_the_id():
    with pytest.raises(MacroError, match=r"chapter\.md.*no/such"):
        run('{{ figure("no/such") }}', page="chapter.md")


def test_unknown_fact_names_the_page_the_figure_and_the_key():
    with pytest.raises(MacroError, match=r"one\.md.*one/curve.*'height'"):
        run('{{ fact("one/curve", "height") }}')


def test_as_gif_on_a_still_figure_is_an_error():
    with pytest.raises(MacroError, match="only applies to anims"):
        run('{{ figure("one/curve", as="gif") }}')


def test_unknown_macro_name_is_an_error():
    with pytest.raises(MacroError, match="unknown macro 'figur'"):
        run('{{ figur("one/curve") }}')


def test_missing_file_is_an_error():
    with pytest.raises(MacroError, match="docs/figures/one/curve.dark.png is missing"):
        run('{{ figure("one/curve") }}', file_exists=lambda rel: not rel.endswith(".dark.png"))


def test_missing_manifest_asks_for_make_figures():
    with pytest.raises(MacroError, match="make figures"):
        expand('{{ figure("one/curve") }}', None, page="one.md")


def test_pages_without_macros_need_no_manifest():
    assert expand("Plain {text}.", None, page="one.md") == "Plain {text}."


def test_macros_in_code_are_left_alone():
    text = 'Use `{{ figure("x/y") }}` like this:\n\n```md\n{{ figure("x/y") }}\n```\n'
    assert run(text) == text


def test_figure_in_an_admonition_keeps_its_indentation():
    out = run('!!! note\n    {{ figure("one/curve") }}\n')
    body = [line for line in out.splitlines()[1:] if line.strip()]
    assert body and all(line.startswith("    ") for line in body)


def test_parse_call_reads_positional_and_keyword_strings():
    assert parse_call("figure('a/b', as=\"gif\")") == ("figure", ["a/b"], {"as": "gif"})


def test_gallery_groups_every_figure_by_chapter_in_nav_order():
    chapters = {"two": Chapter("Chapter two", "two.md"), "one": Chapter("Chapter one", None)}
    out = run("{{ gallery() }}", page="gallery.md", chapters=chapters)
    assert out.index("## Chapter two") < out.index("## Chapter one")
    assert "[Chapter two](two.md)" in out
    assert all(f'id: "fig-{fid.replace("/", "--")}"' in out for fid in MANIFEST.by_id)


def test_gallery_links_every_file_including_dark_twins_and_slides():
    out = run("{{ gallery() }}", page="gallery.md")
    for label, path in [("PNG (dark)", "one/curve.dark.png"), ("SVG", "one/diagram.svg"),
                        ("GIF", "two/fit.gif"), ("MP4", "two/fit.mp4"),
                        ("Slide MP4 (dark)", "slides/two/fit.dark.mp4")]:
        assert f"[{label}](figures/{path}){{ download }}" in out
