"""Chapter "Forward propagation and learning": its animations have the frames their recipes
declare, its backward pass is the engine's, and its page uses the build.
(That every figure is built, with its files, and not blank: test_figures_all.py.)"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from conftest import (assert_animation_files_hold, facts, figure_file, load_chapter_scripts,
                      page_calls, run_recipe, try_it_code, unpublished_facts)
from nnviz.engine import MLP

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "learning.md"
IDS = ["learning/network-5-2-2-1", "learning/logreg-as-neuron", "learning/weights-input1",
       "learning/matrix-forward", "learning/forward-pass", "learning/cost-surface-descent",
       "learning/backprop-errors"]
ANIMS = ["learning/forward-pass", "learning/cost-surface-descent", "learning/backprop-errors"]


@pytest.fixture(scope="module")
def chapter():
    """The chapter's figure scripts as modules by file name (learning.py: example_net, backprop_errors ...;
    learning_cost_surface.py: line_data, descent_paths ...) and all their specs by id."""
    return load_chapter_scripts("learning.py", "learning_cost_surface.py")


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
    # every frame, pauses included, with the recipe's timing up to the GIF's centisecond rounding
    frame_ms = round(1000 / anim.fps)
    with Image.open(figure_file(entry, "gif")) as gif:
        durations = []
        for k in range(gif.n_frames):
            gif.seek(k)
            durations.append(gif.info["duration"])
    expected = (anim.frames - 1) * frame_ms + max(frame_ms, round(1000 * anim.hold_last))
    assert sum(durations) == pytest.approx(expected, rel=0.05)


@pytest.mark.parametrize("figure_id", ANIMS)
def test_animation_sides_are_multiples_of_16(built_figures, figure_id):
    width, height = built_figures[figure_id]["size"]
    assert width % 16 == 0 and height % 16 == 0 and width >= 640 and height >= 400


# ------------------------------------------------------------------------- the backward pass

def test_backprop_errors_give_the_engines_gradients_on_the_chapter_example(chapter):
    module = chapter[0]["learning.py"]
    net = module.example_net()
    deltas = module.backprop_errors(net, module.SAMPLE, module.TARGET)
    loss, grads, engine_deltas = net.loss_and_gradients(module.SAMPLE, module.TARGET, loss="mse",
                                                        return_deltas=True)
    acts = net.forward(module.SAMPLE, return_all=True)
    for l, (delta, (dW, db), engine_delta) in enumerate(zip(deltas, grads, engine_deltas)):
        np.testing.assert_allclose(acts[l].T @ delta, dW, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(delta.sum(axis=0), db, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(delta, engine_delta, rtol=1e-12, atol=1e-15)


def test_backprop_errors_give_the_engines_gradients_on_a_batch(chapter):
    module = chapter[0]["learning.py"]
    rng = np.random.default_rng(7)
    net = MLP([5, 2, 2, 1], activation="sigmoid", output="sigmoid", seed=3)
    X, y = rng.uniform(0, 1, (9, 5)), rng.integers(0, 2, 9).astype(float)
    _, grads = net.loss_and_gradients(X, y, loss="mse")
    for (dW, db), (mine_dW, mine_db) in zip(grads, module.weight_gradients(net, X, module.backprop_errors(net, X, y))):
        np.testing.assert_allclose(mine_dW, dW, rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(mine_db, db, rtol=1e-10, atol=1e-14)


def test_the_step_shown_lowers_the_loss_as_the_caption_says(built_figures, chapter):
    module = chapter[0]["learning.py"]
    published = facts(built_figures, "learning/backprop-errors")
    net = module.example_net()
    loss, grads = net.loss_and_gradients(module.SAMPLE, module.TARGET, loss="mse")
    stepped = net.with_weights([(W - module.BACKPROP_LR * dW, b - module.BACKPROP_LR * db)
                               for (W, b), (dW, db) in zip(net.weights, grads)])
    after, _ = stepped.loss_and_gradients(module.SAMPLE, module.TARGET, loss="mse")
    assert published["loss_before"] == f"{loss:.3f}"
    assert published["loss_after"] == f"{after:.3f}"
    assert after < loss


def test_matrix_forward_numbers_are_one_forward_pass(built_figures, chapter):
    module = chapter[0]["learning.py"]
    published = facts(built_figures, "learning/matrix-forward")
    net = module.example_net()
    (W, b), _, _ = net.weights
    z = W.T @ module.SAMPLE[0] + b  # the page's [W] @ [X] + [Bias]
    a = net.forward(module.SAMPLE, return_all=True)[1][0]
    assert [published[k] for k in ("z1", "z2", "a1", "a2")] == [f"{v:.2f}" for v in (*z, *a)]


# ------------------------------------------------------------------------- the cost surface

def test_the_drawn_cost_surface_is_the_engines_loss(chapter):
    module = chapter[0]["learning_cost_surface.py"]
    x, y = module.line_data()
    net = MLP([1, 1], activation="identity", output="identity")
    for w, b in [(-1.5, 2.6), (0.3, -1.0), (2.0, 0.5)]:
        net.set_weights([(np.array([[w]]), np.array([b]))])
        loss, _ = net.loss_and_gradients(x[:, None], y[:, None], loss="mse")
        assert module.line_mse(w, b) == pytest.approx(loss, rel=1e-12)


def test_the_three_step_sizes_crawl_arrive_and_diverge(chapter):
    module = chapter[0]["learning_cost_surface.py"]
    paths = module.descent_paths()
    (_, small), (_, good), (_, large) = module.STEP_SIZES
    cost = {lr: module.line_mse(p[:, 0], p[:, 1]) for lr, p in paths.items()}
    lowest = module.line_mse(*np.linalg.lstsq(np.c_[module.line_data()[0], np.ones(20)],
                                              module.line_data()[1], rcond=None)[0])
    assert cost[good][-1] < 1.1 * lowest
    assert cost[small][-1] > 5 * lowest
    assert cost[large][-1] > cost[large][0]
    assert small < good < module.critical_step() < large


# ------------------------------------------------------------------------- the page

def test_page_embeds_every_figure_of_the_chapter():
    assert set(IDS) <= {args[0] for args in page_calls(PAGE, "figure")}


def test_every_number_on_the_page_is_a_published_fact(built_figures):
    assert page_calls(PAGE, "fact") and not unpublished_facts(built_figures, PAGE)


def test_the_try_it_code_runs_and_agrees_with_the_engine():
    run = subprocess.run([sys.executable, "-c", try_it_code(PAGE)], capture_output=True, text=True, cwd=ROOT,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    gaps = [float(g) for g in re.findall(r"largest gap (\S+)", run.stdout)]
    assert len(gaps) == 3 and max(gaps) < 1e-12
    costs = [float(c) for c in re.findall(r"cost (\S+)", run.stdout)]
    assert costs == sorted(costs, reverse=True)
