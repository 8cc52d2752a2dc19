"""Chapter "One neuron": its figures are referenced, its animations have their frames, and our
neuron agrees with scikit-learn's logistic regression as closely as the page says.
(That every figure is built, with its files, and not blank: test_figures_all.py.)"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from conftest import (exec_try_it, facts, figure_file, load_chapter, page_calls, pixel_spread, run_recipe,
                      unpublished_facts)

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "one-neuron.md"
CHAPTER = "one-neuron"
FIGURES = ["gaussian-pdf", "two-classes-scatter", "two-classes-hist", "sigmoid-family", "one-neuron-diagram",
           "one-neuron-fit", "one-neuron-vs-reference",  # every figure of the chapter in the curriculum
           "sigmoid-slope",                               # and the slope that makes the gradient plausible
           "loss-surface"]                                # and the landscape gradient descent walks on
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


@pytest.fixture(scope="module")
def specs():
    """The chapter's figure specs by id, from figures_src/one_neuron.py."""
    return load_chapter("one_neuron.py")[1]


@pytest.mark.parametrize("figure_id", ANIMS)
def test_no_text_is_drawn_over_the_curve_in_any_sampled_frame(specs, figure_id):
    anim, _ = run_recipe(specs[figure_id])
    ax = anim.fig.axes[0]  # the panel with the probability curve
    for i in (0, anim.frames // 2, anim.frames - 1):
        anim.update(i)
        anim.fig.canvas.draw()
        renderer = anim.fig.canvas.get_renderer()
        inside = ax.get_window_extent(renderer).padded(-1)
        over = [t.get_text() for t in ax.texts
                if t.get_visible() and t.get_text() and t.get_window_extent(renderer).overlaps(inside)]
        assert not over, f"frame {i}: {over} drawn over the plot"


def test_the_gap_panel_says_its_unit_in_its_label_with_no_bare_offset(specs, built_figures):
    fig, _ = run_recipe(specs[REFERENCE])
    fig.canvas.draw()
    gap_axis = fig.axes[1].yaxis
    exponent = facts(built_figures, REFERENCE)["gap_exponent"]
    assert gap_axis.get_offset_text().get_text() == ""
    assert f"10^{{{exponent}}}" in gap_axis.get_label_text()
    max_gap = float(facts(built_figures, REFERENCE)["max_gap"])
    assert 1 <= max_gap / 10 ** int(exponent) < 10  # the drawn numbers are between 1 and 10


def test_the_sigmoid_slope_is_sigma_times_one_minus_sigma(built_figures):
    published = facts(built_figures, f"{CHAPTER}/sigmoid-slope")
    assert float(published["max_slope"]) == pytest.approx(0.25)
    assert float(published["fd_gap"]) < 1e-8  # the numerical slopes agree with the formula


@pytest.mark.parametrize("figure_id", ANIMS)
def test_no_sampled_frame_of_an_animation_has_text_under_12_css_px(specs, figure_id):
    from nnviz.render.measure import text_sizes
    from nnviz.render.theme import LIGHT, MIN_TEXT_PX, use

    anim, ctx = run_recipe(specs[figure_id])
    with use(LIGHT):
        for i in (0, anim.frames // 2, anim.frames - 1):
            anim.update(i)
            smallest = text_sizes(anim.fig, ctx.slot.width)[0]
            assert smallest.px >= MIN_TEXT_PX - 1e-6, f"frame {i}: {smallest.text!r} is {smallest.px:.2f} CSS px"


def test_the_drawn_loss_landscape_is_the_engines_cross_entropy():
    module, _ = load_chapter("one_neuron.py")
    x, y = module.samples()
    for w, b in [(-1.0, 2.0), (0.5, -1.0), (2.9, 0.0)]:
        net = module.neuron(w, b)
        loss, _ = net.loss_and_gradients(x[:, None], y[:, None], loss="bce")
        assert float(module.loss_surface(x, y, np.array(w), np.array(b))) == pytest.approx(loss, rel=1e-9)


def test_the_descent_path_walks_downhill_from_the_start_towards_the_minimum(built_figures):
    module, _ = load_chapter("one_neuron.py")
    x, y = module.samples()
    params, _ = module.trained_from_bad_start()
    path_loss = module.loss_surface(x, y, params[:, 0], params[:, 1])
    assert np.all(np.diff(path_loss) <= 1e-12)  # every epoch lower than the one before
    published = facts(built_figures, f"{CHAPTER}/loss-surface")
    assert float(published["loss_end"]) >= float(published["loss_min"])
    assert published["w_min"] == f"{float(facts(built_figures, REFERENCE)['w_ours']):.2f}"


def test_the_sigmoid_family_still_is_the_sharp_centred_classifier(built_figures):
    module, _ = load_chapter("one_neuron.py")
    entry = built_figures[f"{CHAPTER}/sigmoid-family"]
    w, b, _ = module._sweep()[entry["poster_frame"]]
    x, y = module.samples()
    assert w > 0 and b == 0
    assert module.neuron(w, b).accuracy(x[:, None], y) > 0.9
