"""Chapter "From logistic regression to neural networks": its figures are built, readable and
referenced, and the numbers the page's story rests on hold."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from conftest import figure_file

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "logistic-to-nn.md"
CHAPTER = "logistic-to-nn"
FIGURES = {  # every figure of the chapter in the curriculum (plus the hidden-race extra), with its kind
    "separable-data": "png",
    "logreg-separable": "png",
    "parabola-data": "png",
    "logreg-parabola": "png",
    "logreg-squared-feature": "png",
    "logreg-graph": "svg",
    "handcrafted-graph": "svg",
    **{f"hidden-{h}": "png" for h in (0, 1, 2, 12, 50)},
    "hidden-grid": "png",
    **{f"hidden-maps-{h}": "png" for h in (1, 2, 12, 50)},
    "boundary-training": "anim",
    "hidden-race": "anim",
}
FILES = {"png": ("png", "png_dark"), "svg": ("svg", "svg_dark", "png", "png_dark"), "anim": ("gif", "mp4", "poster")}
IDS = [f"{CHAPTER}/{name}" for name in FIGURES]
ANIMS = [f"{CHAPTER}/{name}" for name, kind in FIGURES.items() if kind == "anim"]


def page_calls(macro: str) -> list[tuple[str, ...]]:
    """The string arguments of every {{ macro(...) }} on the chapter's page."""
    calls = re.findall(r"\{\{\s*" + macro + r"\((.*?)\)\s*\}\}", PAGE.read_text(encoding="utf-8"))
    return [tuple(re.findall(r'"([^"]*)"', args)) for args in calls]


def percent(built, name: str, key: str = "accuracy") -> float:
    return float(built[f"{CHAPTER}/{name}"]["facts"][key].rstrip("%")) / 100


@pytest.mark.parametrize("figure_id", IDS)
def test_every_figure_is_built_with_the_files_of_its_kind(built_figures, figure_id):
    entry = built_figures[figure_id]
    kind = FIGURES[figure_id.split("/")[1]]
    assert entry["kind"] == kind
    assert all(figure_file(entry, key).is_file() for key in FILES[kind])


@pytest.mark.parametrize("figure_id", IDS)
def test_every_still_image_shows_something(built_figures, figure_id):
    entry = built_figures[figure_id]
    keys = [k for k in ("png", "png_dark", "poster") if k in entry["files"]]
    for key in keys:
        pixels = np.asarray(Image.open(figure_file(entry, key)).convert("L"), dtype=float)
        assert pixels.std() > 5, f"{figure_id} {key} looks blank"


@pytest.mark.parametrize("figure_id", ANIMS)
def test_animations_have_the_frame_count_the_manifest_declares(built_figures, figure_id):
    entry = built_figures[figure_id]
    with Image.open(figure_file(entry, "gif")) as gif:
        assert gif.n_frames == entry["frames"]
    assert 40 <= entry["frames"] <= 80


def test_page_embeds_every_figure_of_the_chapter():
    embedded = {args[0] for args in page_calls("figure")}
    assert set(IDS) <= embedded


def test_every_number_on_the_page_is_a_published_fact(built_figures):
    for figure_id, key in page_calls("fact"):
        assert key in built_figures[figure_id]["facts"], f"{figure_id} publishes no fact {key!r}"


def test_page_derives_the_logistic_function_from_bayes_rule_as_math():
    blocks = re.findall(r"\$\$(.*?)\$\$", PAGE.read_text(encoding="utf-8"), re.S)
    assert any(r"\alpha = \ln" in b for b in blocks)
    assert any(r"\frac{1}{1 + e^{-\alpha}}" in b for b in blocks)


def test_a_squared_feature_repairs_logistic_regression_on_the_parabola(built_figures):
    assert percent(built_figures, "logreg-parabola") < 0.8
    assert percent(built_figures, "logreg-squared-feature") > 0.9


def test_two_hidden_neurons_beat_one_and_none_by_far(built_figures):
    none, one, two = (percent(built_figures, f"hidden-{h}") for h in (0, 1, 2))
    assert two > max(none, one) + 0.1


def test_try_it_block_runs_and_draws_a_figure(tmp_path, monkeypatch):
    text = PAGE.read_text(encoding="utf-8").split("## Try it", 1)[1]
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    exec(compile(code, f"{PAGE.name} (try it)", "exec"), {"__name__": "__try_it__"})
    (drawn,) = tmp_path.glob("*.png")
    assert np.asarray(Image.open(drawn).convert("L"), dtype=float).std() > 5
