"""Chapter "One neuron": its figures are referenced, its animations have their frames, and our
neuron agrees with scikit-learn's logistic regression as closely as the page says.
(That every figure is built, with its files, and not blank: test_figures_all.py.)"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from conftest import exec_try_it, facts, figure_file, page_calls, pixel_spread, unpublished_facts

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "one-neuron.md"
CHAPTER = "one-neuron"
FIGURES = ["gaussian-pdf", "two-classes-scatter", "two-classes-hist", "sigmoid-family", "one-neuron-diagram",
           "one-neuron-fit", "one-neuron-vs-reference"]  # every figure of the chapter in the curriculum
IDS = [f"{CHAPTER}/{name}" for name in FIGURES]
ANIMS = [f"{CHAPTER}/sigmoid-family", f"{CHAPTER}/one-neuron-fit"]
REFERENCE = f"{CHAPTER}/one-neuron-vs-reference"


@pytest.mark.parametrize("figure_id", ANIMS)
def test_animations_have_the_frame_count_the_manifest_declares(built_figures, figure_id):
    entry = built_figures[figure_id]
    with Image.open(figure_file(entry, "gif")) as gif:
        assert gif.n_frames == entry["frames"]
    assert 40 <= entry["frames"] <= 80


def test_page_embeds_every_figure_of_the_chapter():
    assert set(IDS) <= {args[0] for args in page_calls(PAGE, "figure")}


def test_every_number_on_the_page_is_a_published_fact(built_figures):
    assert page_calls(PAGE, "fact") and not unpublished_facts(built_figures, PAGE)


def test_our_neuron_matches_the_reference_within_the_tolerance_the_page_states(built_figures):
    published = facts(built_figures, REFERENCE)
    assert (REFERENCE, "tolerance") in page_calls(PAGE, "fact")
    assert float(published["max_gap"]) <= float(published["tolerance"])


def test_published_coefficients_agree_with_an_independent_scikit_learn_fit(built_figures):
    from sklearn.linear_model import LogisticRegression

    from nnviz.engine import datasets

    x, y = datasets.two_gaussians(n_per_class=100, seed=0, mean=1.5)
    ref = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(x[:, None], y)
    published = facts(built_figures, REFERENCE)
    assert float(published["w_ours"]) == pytest.approx(ref.coef_[0, 0], abs=1e-3)
    assert float(published["b_ours"]) == pytest.approx(ref.intercept_[0], abs=1e-3)


def test_try_it_block_runs_and_draws_a_figure(tmp_path):
    (drawn,) = exec_try_it(PAGE, tmp_path)
    assert pixel_spread(drawn) > 5
