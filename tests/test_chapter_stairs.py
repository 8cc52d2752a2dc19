"""Chapter "The stairs classifier": its animations have the frames their recipes declare, the
trained nets reach what the page says, and the page uses the build.
(That every figure is built, with its files, and not blank: test_figures_all.py.)"""
from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import (assert_animation_files_hold, facts, load_chapter_scripts, page_calls,
                      run_recipe, try_it_code, unpublished_facts)

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "stairs.md"
IDS = ["stairs/stairs-samples", "stairs/perceptron-scores", "stairs/case-a-b", "stairs/mlp-detectors",
       "stairs/hidden-weights", "stairs/softmax-classes", "stairs/stairs-training", "stairs/local-minima",
       "stairs/detectors-emerging"]
ANIMS = ["stairs/stairs-training", "stairs/local-minima"]
SCRIPTS = ("stairs.py", "stairs_training.py", "stairs_local_minima.py")  # hand-set models, trained nets, momentum


@pytest.fixture(scope="module")
def chapter():
    """The chapter's figure scripts as modules by file name (their data, models and training helpers)
    and all their specs by id."""
    return load_chapter_scripts(*SCRIPTS)


def percent(text):
    return float(text.rstrip("%")) / 100


# ------------------------------------------------------------------------- the figures

def test_the_chapter_declares_exactly_its_figures_and_animations(chapter):
    _, specs = chapter
    assert sorted(specs) == sorted(IDS)
    assert {i for i, s in specs.items() if s.kind == "anim"} == set(ANIMS)


@pytest.mark.parametrize("figure_id", ANIMS)
def test_animations_have_the_frames_their_recipe_declares(built_figures, chapter, figure_id):
    entry = built_figures[figure_id]
    anim, _ = run_recipe(chapter[1][figure_id])
    assert_animation_files_hold(entry, anim)
    assert 30 <= anim.frames <= 80
    width, height = entry["size"]
    assert width % 16 == 0 and height % 16 == 0


# ------------------------------------------------------------------------- the models

def test_the_trained_net_reaches_the_accuracy_the_page_states(built_figures, chapter):
    module = chapter[0]["stairs_training.py"]
    published = facts(built_figures, "stairs/stairs-training")
    net, _, test_acc = module.train_stairs(module.MOMENTUM)
    _, _, X_test, y_test = module.stairs_data()
    accuracy = net.accuracy(X_test / 255, y_test)
    assert accuracy == test_acc[-1]
    assert published["accuracy"] == f"{accuracy:.1%}"
    assert accuracy >= 0.95


def test_momentum_reaches_95_percent_sooner(built_figures):
    published = facts(built_figures, "stairs/stairs-training")
    assert int(published["momentum_95"]) < int(published["plain_95"])


def test_hidden_neurons_match_the_page_description(chapter):
    module = chapter[0]["stairs_training.py"]
    net, _, _ = module.train_stairs(module.MOMENTUM)
    (W1, b1), (W2, _) = net.weights
    assert np.argmin(W1[:, 0]) == 1 and W1[1, 0] < -10   # neuron 1: shut down by a dark x2
    assert np.argmin(W1[:, 1]) == 0 and W1[0, 1] < -10   # neuron 2: shut down by a dark x1
    assert W1[2, 2] < 0 and W1[3, 2] < 0 and b1[2] > 0   # neuron 3: fires on a light bottom row ...
    assert W2[2, 0] < 0 < min(W2[0, 0], W2[1, 0])         # ... and votes against stairs


def test_the_hand_wired_detectors_score_what_the_caption_says(built_figures, chapter):
    module = chapter[0]["stairs.py"]
    X, y, _, _ = module.stairs_data()
    accuracy = module.detector_net().accuracy(X / 255, y)
    assert facts(built_figures, "stairs/mlp-detectors")["accuracy"] == f"{accuracy:.1%}"
    assert accuracy > 0.95


def test_the_hand_wired_detectors_make_only_false_alarms(built_figures, chapter):
    """The page says every mistake of the hand-wired net is a false alarm: it misses no staircase."""
    module = chapter[0]["stairs.py"]
    X, y, _, _ = module.stairs_data()
    says_stairs = module.detector_net().predict(X / 255).ravel() == 1
    published = facts(built_figures, "stairs/mlp-detectors")
    assert published["misses"] == str(int(np.sum(~says_stairs & (y == 1)))) == "0"
    assert published["false_alarms"] == str(int(np.sum(says_stairs & (y == 0))))
    assert 1 - int(published["false_alarms"]) / len(X) == pytest.approx(percent(published["accuracy"]), abs=5e-4)


def pattern_pictures(pattern, values={"white": (0, 5, 10), "dark": (150, 200, 255)}):
    """Every picture of a white/dark pattern whose pixels take the ends and the middle of their range."""
    return np.array(list(itertools.product(*[values[p] for p in pattern])), dtype=float)


def test_the_detector_net_fires_exactly_on_the_staircases_of_every_white_dark_pattern(chapter):
    """Over all 16 patterns of dark (>= 150) and white (<= 10) pixels: output above 0.5 exactly for the
    two staircases, on 81 pictures per pattern and, by interval arithmetic, on every picture."""
    module = chapter[0]["stairs.py"]
    from nnviz.engine import datasets
    net = module.detector_net()
    patterns = module.pixel_patterns()
    assert len(set(patterns)) == 16
    firing = []
    for pattern in patterns:
        X = pattern_pictures(pattern)
        truth = datasets.is_stairs(X) > 0
        assert truth.all() or not truth.any()  # the rule sees a pattern, not the values inside it
        out = net.predict_proba(X / 255).ravel()
        assert np.all((out > 0.5) == truth), pattern
        low, high = module.output_bounds(net, pattern)
        assert low <= out.min() and out.max() <= high  # the bounds hold the sampled outputs
        assert (low > 0.5) if truth[0] else (high < 0.5), pattern
        if truth[0]:
            firing.append(pattern)
    assert firing == [("white", "dark", "dark", "dark"), ("dark", "white", "dark", "dark")]


def test_the_bounds_are_a_proof_not_a_sample(chapter):
    """output_bounds must hold for any picture of the pattern, also off the 81-point grid."""
    module = chapter[0]["stairs.py"]
    net = module.detector_net()
    rng = np.random.default_rng(0)
    for pattern in module.pixel_patterns():
        ranges = np.array([module.PATTERN_RANGES[p] for p in pattern])
        X = rng.uniform(ranges[:, 0], ranges[:, 1], (200, 4))
        out = net.predict_proba(X / 255).ravel()
        low, high = module.output_bounds(net, pattern)
        assert low - 1e-12 <= out.min() and out.max() <= high + 1e-12


def test_the_page_quotes_the_detectors_truth_table(built_figures, chapter):
    module = chapter[0]["stairs.py"]
    published = facts(built_figures, "stairs/mlp-detectors")
    net = module.detector_net()
    for pattern in module.pixel_patterns():
        low, high = module.output_bounds(net, pattern)
        assert published[module.pattern_key(pattern)] == f"{low:.3f}\u2013{high:.3f}"
    assert published["firing"] == "2" and published["patterns"] == "16"
    assert float(published["stairs_lowest"]) > 0.5 > float(published["other_highest"])
    quoted = {args[1] for args in page_calls(PAGE, "fact") if args[0] == "stairs/mlp-detectors"}
    assert {module.pattern_key(p) for p in module.pixel_patterns()} <= quoted


def test_one_neuron_cannot_ask_for_three_dark_pixels(chapter):
    """The page's argument: three pictures that are not stairs average to one that is, so a weighted sum
    (which is linear) that is positive on the average is positive on at least one of them."""
    module = chapter[0]["stairs.py"]
    from nnviz.engine import datasets
    pictures = module.NOT_STAIRS_AVERAGING_TO_STAIRS
    assert not datasets.is_stairs(pictures).any()
    assert datasets.is_stairs(pictures.mean(axis=0, keepdims=True))[0] > 0


def test_the_perceptron_is_barely_better_than_guessing(built_figures):
    assert 0.5 < percent(facts(built_figures, "stairs/perceptron-scores")["accuracy"]) < 0.8


def test_no_threshold_makes_the_perceptron_good(built_figures, chapter):
    """The page: moving the threshold helps, but the best one stays far from right, the piles overlap."""
    module = chapter[0]["stairs.py"]
    X, y, _, _ = module.stairs_data()
    best = module.best_threshold_accuracy(module.linear_score(X), y)
    published = facts(built_figures, "stairs/perceptron-scores")
    assert published["best_threshold_accuracy"] == f"{best:.0%}"
    assert percent(published["accuracy"]) < best < 0.9
    # ... and the article's sigmoid weights, another flat cut, do no better than the best threshold
    assert percent(facts(built_figures, "stairs/case-a-b")["logistic_accuracy"]) <= best
    assert module.best_threshold_accuracy([0.1, 0.2, 0.3, 0.4], [0, 0, 1, 1]) == 1.0  # a clean cut exists
    assert module.best_threshold_accuracy([0.1, 0.2, 0.3, 0.4], [1, 1, 0, 0]) == 0.5  # wrong side only


def test_the_article_pictures_follow_our_labelling_rule(chapter):
    module = chapter[0]["stairs.py"]
    from nnviz.engine import datasets
    np.testing.assert_array_equal(datasets.is_stairs(module.ARTICLE_PICTURES) > 0, module.ARTICLE_LABELS == 1)


def test_the_article_sigmoid_weights_score_82_percent_on_our_data(built_figures, chapter):
    module = chapter[0]["stairs.py"]
    X, y, _, _ = module.stairs_data()
    accuracy = ((module.logistic_prob(X) > 0.5) == (y == 1)).mean()
    assert facts(built_figures, "stairs/case-a-b")["logistic_accuracy"] == f"{accuracy:.1%}" == "82.0%"


def test_case_a_and_b_move_the_linear_score_equally_but_not_the_sigmoid(chapter, built_figures):
    module = chapter[0]["stairs.py"]
    x = np.array([module.CASE_START + [0, 0, d, 0] for d in (0, 60, 120)])
    score, prob = module.linear_score(x), module.logistic_prob(x)
    assert np.diff(score) == pytest.approx([0.12, 0.12])
    assert np.diff(prob)[0] > 50 * np.diff(prob)[1] > 0
    assert facts(built_figures, "stairs/case-a-b")["linear_a"] == "+0.12"


def test_case_a_completes_a_staircase_by_the_page_rule(chapter, built_figures):
    """Case A goes from a picture that is not stairs to one that is; case B stays stairs. The article's own
    start [100, 0, 0, 125] is not stairs after case A, yet its sigmoid gives it the published probability."""
    module = chapter[0]["stairs.py"]
    from nnviz.engine import datasets
    x = np.array([module.CASE_START + [0, 0, d, 0] for d in (0, 60, 120)])
    assert list(datasets.is_stairs(x) > 0) == [False, True, True]
    article = module.ARTICLE_CASE_START + [0, 0, 60, 0]
    assert not datasets.is_stairs(article[None, :])[0]
    assert facts(built_figures, "stairs/case-a-b")["article_p_a"] == f"{module.logistic_prob(article[None, :])[0]:.3f}"
    # At the start (not stairs) the perceptron's score is already above its cut at 0: it is wrong there,
    # the sigmoid right at all three; the page says so with the published score (earlier review, d).
    score_start = facts(built_figures, "stairs/case-a-b")["linear_start"]
    assert float(score_start) == pytest.approx(module.linear_score(x)[0], abs=0.005) and float(score_start) > 0
    assert list(module.logistic_prob(x) > 0.5) == list(datasets.is_stairs(x) > 0)


def test_the_sample_caption_names_a_near_miss_that_is_shown(built_figures, chapter):
    module = chapter[0]["stairs.py"]
    X, y, _, _ = module.stairs_data()
    k = int(facts(built_figures, "stairs/stairs-samples")["k"])
    value = int(facts(built_figures, "stairs/stairs-samples")["near_white"])
    shown = [(pixels, label) for pixels, label in zip(X[:k], y[:k]) if label == 0 and value in pixels[:2]]
    assert shown and all(p[2] >= 150 and p[3] >= 150 for p, _ in shown)
    with pytest.raises(ValueError, match="near-miss"):
        module.near_miss_light_pixel(X[y == 1][:5], y[y == 1][:5])


def test_momentum_frees_more_balls_than_small_steps(chapter, built_figures):
    module = chapter[0]["stairs_local_minima.py"]
    published = facts(built_figures, "stairs/local-minima")
    counts = {title: sum(module.settled_at_bottom(p) for p in paths)
              for title, paths in module.rolling_runs().items()}
    assert [str(counts[t]) for t, _, _ in module.RUNS] == [published[k] for k in ("small", "large", "momentum")]
    assert int(published["small"]) < int(published["momentum"]) < len(module.STARTS)


def test_the_softmax_net_gives_probabilities_and_names_most_classes(chapter, built_figures):
    module = chapter[0]["stairs_training.py"]
    _, _, X_test, y_test = module.stairs_data(multiclass=True)
    probs = module.train_softmax().predict_proba(X_test / 255)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)
    assert percent(facts(built_figures, "stairs/softmax-classes")["accuracy"]) > 0.95
    assert int(facts(built_figures, "stairs/softmax-classes")["wrong"]) == int((probs.argmax(axis=1) != y_test).sum())


def test_the_softmax_figure_marks_its_confident_mistakes(chapter, built_figures):
    """The bottom row holds the pictures the net gives the lowest probability of their true class; the
    published count of wrong answers among them is what the crosses show."""
    module = chapter[0]["stairs_training.py"]
    _, _, X_test, y_test = module.stairs_data(multiclass=True)
    probs = module.train_softmax().predict_proba(X_test / 255)
    hardest = [i for c in range(3) for i in np.flatnonzero(y_test == c)[np.argsort(probs[y_test == c, c])[:2]]]
    wrong = sum(probs[i].argmax() != y_test[i] for i in hardest)
    assert facts(built_figures, "stairs/softmax-classes")["hardest_wrong"] == str(wrong)
    assert wrong >= 1


# ------------------------------------------------------------------------- the page

def test_page_embeds_every_figure_of_the_chapter():
    assert set(IDS) <= {args[0] for args in page_calls(PAGE, "figure")}


def test_every_number_on_the_page_is_a_published_fact(built_figures):
    assert page_calls(PAGE, "fact") and not unpublished_facts(built_figures, PAGE)


def test_the_try_it_code_trains_to_the_accuracy_on_the_page(built_figures):
    run = subprocess.run([sys.executable, "-c", try_it_code(PAGE)], capture_output=True, text=True, cwd=ROOT,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    printed = re.search(r"accuracy on new pictures: (\S+)", run.stdout).group(1)
    assert printed == facts(built_figures, "stairs/stairs-training")["accuracy"]


def test_the_detectors_emerge_from_small_weights_into_the_trained_nets(chapter, built_figures):
    modules, _ = chapter
    training = modules["stairs_training.py"]
    net, hist, _ = training.train_stairs(training.MOMENTUM)
    for (W, b), (W_end, b_end) in zip(hist.weights_at(training.EMERGING[-1]), net.weights):
        np.testing.assert_array_equal(W, W_end)  # the last row is the net of hidden-weights
    first = hist.weights_at(0)[0][0]
    assert np.abs(first).max() < 0.1 * np.abs(net.weights[0][0]).max()  # it starts small
    published = facts(built_figures, "stairs/detectors-emerging")
    shares = [percent(published[f"acc_{k}"]) for k in range(len(training.EMERGING))]
    assert shares == sorted(shares) and shares[0] <= 0.6 < 0.95 < shares[-1]


def test_the_samples_caption_counts_the_stairs_it_shows(built_figures):
    published = facts(built_figures, "stairs/stairs-samples")
    assert int(published["k_stairs"]) + int(published["k_other"]) == int(published["k"])
    assert f"{published['k_stairs']} of these {published['k']} are staircases" in \
        built_figures["stairs/stairs-samples"]["caption"]


def test_the_detector_diagram_crosses_only_the_mirror_pairs_edges(chapter):
    """mlp-detectors draws its neurons in the order of DETECTOR_W's columns, top to bottom: the
    bottom-row detector last, beside x3 and x4, so edges cross only where the two top detectors
    swap x1 and x2 (review B-L4: labels sat on a knot of crossing edges)."""
    W = chapter[0]["stairs.py"].DETECTOR_W
    edges = [(i, j) for i, j in zip(*np.nonzero(W))]
    crossings = sum((i - k) * (j - l) < 0 for a, (i, j) in enumerate(edges) for k, l in edges[a + 1:])
    assert crossings == 1


def test_the_minimum_marks_stay_clear_of_a_ball_resting_in_the_dip(chapter):
    """A ball resting in a dip covered a mark drawn on the curve (earlier review, 4): each mark sits
    above its dip by more than the largest ball's radius (14 px across)."""
    import matplotlib.pyplot as plt

    from nnviz.render.plots import descent
    from nnviz.render.theme import LIGHT

    module = chapter[0]["stairs_local_minima.py"]
    w = np.linspace(-6.5, 7.5, 701)
    cost = module.bumpy_cost(w)
    minima = w[1:-1][(cost[1:-1] < cost[:-2]) & (cost[1:-1] < cost[2:])]
    fig, ax = plt.subplots(figsize=(3.2, 4.0), dpi=72)  # about one panel of the page's figure, in CSS px
    try:
        descent.cost_curve(ax, LIGHT, w, cost, minima=minima)
        px = ax.transData.transform
        for line in ax.lines[1:]:
            for x, y in zip(line.get_xdata(), line.get_ydata()):
                gap = px((x, y))[1] - px((x, np.interp(x, w, cost)))[1]
                assert gap > 7 + line.get_markersize() / 2, (x, gap)
    finally:
        plt.close(fig)
