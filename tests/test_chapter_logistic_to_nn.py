"""Chapter "From logistic regression to neural networks": its figures are referenced, its
animations have their frames, and the numbers the page's story rests on hold.
(That every figure is built, with its files, and not blank: test_figures_all.py.)"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from conftest import (exec_try_it, facts, figure_file, load_chapter, load_chapter_scripts, page_calls,
                      pixel_spread, run_recipe, unpublished_facts)

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "logistic-to-nn.md"
CHAPTER = "logistic-to-nn"
FIGURES = [  # every figure of the chapter in the curriculum, plus the hidden-race extra
    "separable-data", "logreg-separable", "parabola-data", "logreg-parabola", "logreg-squared-feature",
    "logreg-graph", "handcrafted-graph", *(f"hidden-{h}" for h in (0, 1, 2, 12, 50)), "hidden-grid",
    *(f"hidden-maps-{h}" for h in (1, 2, 12, 50)), "boundary-training", "hidden-race",
    "squared-lift", "hidden-space",  # the chapter's thesis drawn: the lifts where a plane or a line separates
]
IDS = [f"{CHAPTER}/{name}" for name in FIGURES]
ANIMS = [f"{CHAPTER}/boundary-training", f"{CHAPTER}/hidden-race", f"{CHAPTER}/hidden-space"]


def percent(built, name: str, key: str = "accuracy") -> float:
    return float(facts(built, f"{CHAPTER}/{name}")[key].rstrip("%")) / 100


@pytest.mark.parametrize("figure_id", ANIMS)
def test_animations_have_the_frame_count_the_manifest_declares(built_figures, figure_id):
    entry = built_figures[figure_id]
    with Image.open(figure_file(entry, "gif")) as gif:
        assert gif.n_frames == entry["frames"]
    assert 40 <= entry["frames"] <= 80


def test_the_net_without_hidden_layer_is_the_logistic_regression_of_the_first_part():
    # two training functions of the chapter, one per script: with no hidden layer they must give the same net
    logistic, _ = load_chapter("logistic_to_nn.py")
    hidden, _ = load_chapter("logistic_to_nn_hidden.py")
    for (W, b), (W0, b0) in zip(hidden.trained("parabola", 0)[0].weights,
                                logistic.logistic_regression("parabola")[0].weights):
        np.testing.assert_array_equal(W, W0)
        np.testing.assert_array_equal(b, b0)


def test_page_embeds_every_figure_of_the_chapter():
    assert set(IDS) <= {args[0] for args in page_calls(PAGE, "figure")}


def test_every_number_on_the_page_is_a_published_fact(built_figures):
    assert page_calls(PAGE, "fact") and not unpublished_facts(built_figures, PAGE)


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


def test_fifty_hidden_neurons_are_no_better_than_twelve(built_figures):
    # the page: "going from 12 to 50 hidden neurons buys nothing here"
    assert percent(built_figures, "hidden-50") <= percent(built_figures, "hidden-12") + 0.005


def test_some_of_the_twelve_hidden_maps_are_flat_and_those_do_not_count_as_active(built_figures):
    published = facts(built_figures, f"{CHAPTER}/hidden-maps-12")
    flat, active = int(published["flat"]), int(published["active"])
    assert flat >= 1
    assert flat + active <= 12


@pytest.mark.parametrize("hidden", [1, 2, 12, 50])
def test_hidden_maps_alt_text_counts_the_maps_drawn(built_figures, hidden):
    entry = built_figures[f"{CHAPTER}/hidden-maps-{hidden}"]
    shown = int(entry["facts"]["shown"])
    assert shown == (hidden if hidden <= 12 else 10)  # all of them, or the ten the 50-neuron figure keeps
    assert f"and {shown} small square map" in entry["alt"]


def test_try_it_block_runs_and_draws_a_figure(tmp_path):
    (drawn,) = exec_try_it(PAGE, tmp_path)
    assert pixel_spread(drawn) > 5


@pytest.fixture(scope="module")
def specs():
    """The chapter's figure declarations by id."""
    return load_chapter_scripts("logistic_to_nn.py", "logistic_to_nn_hidden.py")[1]


def test_in_the_hidden_space_a_straight_line_separates_as_well_as_the_whole_network(built_figures):
    # the page: the output neuron is logistic regression on (h1, h2); its line is the net's boundary
    published = facts(built_figures, f"{CHAPTER}/hidden-space")
    assert published["accuracy"] == published["hidden2_accuracy"] == facts(
        built_figures, f"{CHAPTER}/hidden-2")["accuracy"]
    assert percent(built_figures, "hidden-space") > 0.9


def test_the_hidden_space_animation_ends_on_the_hidden_outputs(specs):
    hidden, _ = load_chapter("logistic_to_nn_hidden.py")
    anim, _ = run_recipe(specs[f"{CHAPTER}/hidden-space"])
    anim.update(anim.frames - 1)
    net, _ = hidden.trained("parabola", 2)
    X, y = hidden.data("parabola")
    dots = [c for c in anim.fig.axes[0].collections if len(c.get_offsets()) > 1]
    moved = np.vstack([d.get_offsets() for d in dots])
    expected = np.vstack([hidden.hidden_outputs(net, X[y == k]) for k in (0, 1)])
    np.testing.assert_allclose(moved, expected)


def test_the_twelve_and_fifty_neuron_nets_beat_the_true_border_and_the_page_calls_it_overfitting(built_figures):
    border = percent(built_figures, "hidden-grid", "border")
    assert border == percent(built_figures, "parabola-data", "border_accuracy")
    for h in (12, 50):
        assert percent(built_figures, f"hidden-{h}") > border
    assert "overfitting" in PAGE.read_text(encoding="utf-8")


def test_hidden_grid_bars_start_at_zero_with_the_majority_baseline_drawn(specs, built_figures):
    fig, _ = run_recipe(specs[f"{CHAPTER}/hidden-grid"])
    bars = [ax for ax in fig.axes if ax.patches][0]
    assert bars.get_ylim()[0] == 0
    levels = {round(float(line.get_ydata()[0]), 4) for line in bars.lines}
    assert round(percent(built_figures, "hidden-grid", "baseline"), 4) in levels


def test_hidden_neuron_maps_use_the_neuron_output_colours_not_the_class_colours(specs):
    from nnviz.render.theme import LIGHT

    fig, _ = run_recipe(specs[f"{CHAPTER}/hidden-maps-2"])
    images = [im for ax in fig.axes for im in ax.images]
    maps = [im for im in images if im.get_clim() == (-1.0, 1.0)]
    assert len(maps) == 2
    assert all(im.get_cmap().name.startswith(LIGHT.cmap_out.name) for im in maps)


@pytest.mark.parametrize("name", ["logreg-separable", "logreg-parabola", "logreg-squared-feature", "hidden-2",
                                  "hidden-grid", "hidden-maps-12"])
def test_every_probability_field_has_a_colour_key(specs, name):
    fig, _ = run_recipe(specs[f"{CHAPTER}/{name}"])
    labels = [ax.get_ylabel() + ax.get_xlabel() for ax in fig.axes]
    assert any("P(class 1)" in label for label in labels)
