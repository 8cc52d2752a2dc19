"""Chapter "One neuron": its figures are built, readable and referenced, and our neuron agrees
with scikit-learn's logistic regression as closely as the page says."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from conftest import figure_file

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "one-neuron.md"
CHAPTER = "one-neuron"
FIGURES = {  # every figure of the chapter in the curriculum, with its kind
    "gaussian-pdf": "png",
    "two-classes-scatter": "png",
    "two-classes-hist": "png",
    "sigmoid-family": "anim",
    "one-neuron-diagram": "svg",
    "one-neuron-fit": "anim",
    "one-neuron-vs-reference": "png",
}
FILES = {"png": ("png", "png_dark"), "svg": ("svg", "svg_dark", "png", "png_dark"), "anim": ("gif", "mp4", "poster")}
IDS = [f"{CHAPTER}/{name}" for name in FIGURES]
ANIMS = [f"{CHAPTER}/{name}" for name, kind in FIGURES.items() if kind == "anim"]


def page_calls(macro: str) -> list[tuple[str, ...]]:
    """The string arguments of every {{ macro(...) }} on the chapter's page."""
    calls = re.findall(r"\{\{\s*" + macro + r"\((.*?)\)\s*\}\}", PAGE.read_text(encoding="utf-8"))
    return [tuple(re.findall(r'"([^"]*)"', args)) for args in calls]


def facts(built, name: str) -> dict:
    return built[f"{CHAPTER}/{name}"]["facts"]


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


def test_our_neuron_matches_the_reference_within_the_tolerance_the_page_states(built_figures):
    published = facts(built_figures, "one-neuron-vs-reference")
    assert ("one-neuron/one-neuron-vs-reference", "tolerance") in page_calls("fact")
    assert float(published["max_gap"]) <= float(published["tolerance"])


def test_published_coefficients_agree_with_an_independent_scikit_learn_fit(built_figures):
    from sklearn.linear_model import LogisticRegression

    from nnviz.engine import datasets

    x, y = datasets.two_gaussians(n_per_class=100, seed=0, mean=1.5)
    ref = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(x[:, None], y)
    published = facts(built_figures, "one-neuron-vs-reference")
    assert float(published["w_ours"]) == pytest.approx(ref.coef_[0, 0], abs=1e-3)
    assert float(published["b_ours"]) == pytest.approx(ref.intercept_[0], abs=1e-3)


def test_try_it_block_runs_and_draws_a_figure(tmp_path, monkeypatch):
    text = PAGE.read_text(encoding="utf-8").split("## Try it", 1)[1]
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    exec(compile(code, f"{PAGE.name} (try it)", "exec"), {"__name__": "__try_it__"})
    (drawn,) = tmp_path.glob("*.png")
    assert np.asarray(Image.open(drawn).convert("L"), dtype=float).std() > 5
