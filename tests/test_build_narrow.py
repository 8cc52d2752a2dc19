"""The narrow (phone) variant of a figure (issue 22), built through the command line on small
throwaway scripts: who gets one, what the manifest records, what the files hold, and the
markup that shows it on a phone."""
from __future__ import annotations

import json

import imageio_ffmpeg
import pytest
from PIL import Image

from nnviz.render.theme import MIN_PHONE_TEXT_PX, NARROW_MEDIA, NARROW_WIDTH
from nnviz.site.macros import Manifest, expand
from test_build_pipeline import nnviz, write_script

SCRIPT = '''
"""Figures for the narrow variant: two panels in a row, a small figure, one that opts out, an animation."""
import numpy as np
from nnviz.build import figure
from nnviz.render import Animation

@figure("demo/pair", kind="png", caption="Two panels.", alt="Two curves side by side.")
def pair(ctx):
    fig, (left, right) = ctx.subplots(1, 2, height=260)
    x = np.linspace(-3, 3, 101)
    left.plot(x, np.exp(-x ** 2))
    right.plot(x, np.tanh(x))
    left.set_title(ctx.pick("a bell curve, drawn for the column", "a bell curve"))
    ctx.fact("narrow_seen", ctx.narrow)
    return fig

@figure("demo/small", kind="png", caption="Small.", alt="A small curve.")
def small(ctx):
    fig, ax = ctx.subplots(width=300, height=200)
    ax.plot([0, 1], [0, 1])
    return fig

@figure("demo/optout", kind="png", caption="Out.", alt="A line.", narrow=False)
def optout(ctx):
    fig, ax = ctx.subplots(height=200)
    ax.plot([0, 1], [0, 1])
    return fig

@figure("demo/wave", kind="anim", caption="A wave.", alt="A moving sine wave.")
def wave(ctx):
    fig, (top, bottom) = ctx.subplots(1, 2, height=200)
    x = np.linspace(0, 6, 100)
    (line,) = top.plot(x, np.sin(x))
    bottom.plot(x, np.cos(x))
    return Animation(fig, lambda i: line.set_ydata(np.sin(x + i)), frames=6, fps=6, hold_last=0.5)
'''

OVERFLOW = '''
from nnviz.build import figure

@figure("demo/long", kind="png", caption="Long.", alt="A long title.")
def long(ctx):
    fig, ax = ctx.subplots(height=200)
    ax.plot([0, 1], [0, 1])
    fig.suptitle("a title far too long for a phone's screen, written out on one single line", x=0.0, ha="left")
    return fig
'''


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = tmp_path_factory.mktemp("narrow")
    write_script(project, "demo.py", SCRIPT)
    run = nnviz(project, "-j", "1")
    assert run.returncode == 0, run.stderr
    data = json.loads((project / "out" / "manifest.json").read_text())
    return project / "out", {e["id"]: e for e in data["figures"]}


def test_a_figure_too_small_on_a_phone_gets_a_narrow_variant_with_its_text_at_full_size(built):
    out, entries = built
    narrow = entries["demo/pair"]["narrow"]
    assert set(narrow) == {"size", "px_per_css", "min_text_px", "files"}
    assert narrow["px_per_css"] == 2.0 and narrow["size"][0] == 2 * NARROW_WIDTH
    assert narrow["min_text_px"] >= 12
    assert set(narrow["files"]) == {"png", "png_dark"}
    assert narrow["files"]["png"] == "demo/pair.narrow.png" and narrow["files"]["png_dark"] == "demo/pair.narrow.dark.png"
    for rel in narrow["files"].values():
        with Image.open(out / rel) as image:
            assert list(image.size) == narrow["size"]
    # the panels of the row are stacked: taller than wide, unlike the column's
    width, height = narrow["size"]
    assert height > width and entries["demo/pair"]["size"][1] < entries["demo/pair"]["size"][0]
    # the column's facts are the page's (the recipe ran for it first)
    assert entries["demo/pair"]["facts"]["narrow_seen"] == "False"


def test_figures_readable_on_a_phone_or_opting_out_get_none(built):
    _, entries = built
    small = entries["demo/small"]
    assert small["min_text_px"] * min(300, 358) / 300 >= MIN_PHONE_TEXT_PX
    assert "narrow" not in small
    assert "narrow" not in entries["demo/optout"]


def test_an_animation_gets_a_narrow_video_and_poster_per_palette_with_the_same_frames(built):
    out, entries = built
    entry = entries["demo/wave"]
    narrow = entry["narrow"]
    assert set(narrow["files"]) == {"mp4", "poster", "mp4_dark", "poster_dark"}
    for key in ("mp4", "mp4_dark"):
        reader = imageio_ffmpeg.read_frames(str(out / narrow["files"][key]))
        meta = next(reader)
        frames = sum(1 for _ in reader)
        assert list(meta["size"]) == narrow["size"]
        assert frames == sum(entry["repeats"]), f"{key}: {frames} video frames, the column has {sum(entry['repeats'])}"


def test_a_narrow_variant_whose_text_leaves_the_figure_fails_the_build_naming_it(tmp_path):
    write_script(tmp_path, "long.py", OVERFLOW)
    run = nnviz(tmp_path, "-j", "1")
    assert run.returncode != 0
    assert "demo/long" in run.stderr and "narrow variant" in run.stderr
    assert not list((tmp_path / "out").rglob("long*.png")), "a failed figure left files behind"


def test_the_page_shows_the_narrow_files_on_narrow_screens(built):
    _, entries = built
    manifest = Manifest({"figures": list(entries.values())})
    still = expand('{{ figure("demo/pair") }}', manifest, page="p.md")
    assert still.count("<picture>") == 2  # one per palette
    assert f'<source media="{NARROW_MEDIA}" srcset="figures/demo/pair.narrow.png" width="360"' in still
    assert 'srcset="figures/demo/pair.narrow.dark.png"' in still
    assert 'src="figures/demo/pair.png#only-light"' in still and 'href="figures/demo/pair.dark.png#only-dark"' in still
    plain = expand('{{ figure("demo/small") }}', manifest, page="p.md")
    assert "<picture>" not in plain
    player = expand('{{ figure("demo/wave") }}', manifest, page="p.md")
    assert f'data-narrow-media="{NARROW_MEDIA}"' in player
    for attr, rel in (("data-src-narrow", "wave.narrow.mp4"), ("data-poster-narrow", "wave.narrow.png"),
                      ("data-src-narrow-dark", "wave.narrow.dark.mp4"),
                      ("data-poster-narrow-dark", "wave.narrow.dark.png")):
        assert f'{attr}="figures/demo/{rel}"' in player


def test_the_gallery_css_switches_at_the_same_width_as_the_pictures():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[1] / "docs" / "assets" / "css" / "nnviz.css").read_text()
    assert f"@media screen and {NARROW_MEDIA}" in css, f"nnviz.css has no rule for {NARROW_MEDIA} (theme.NARROW_MEDIA)"
