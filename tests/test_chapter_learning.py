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
       "learning/matrix-forward", "learning/matrix-forward-map", "learning/forward-pass",
       "learning/cost-surface-descent", "learning/backprop-errors"]
ANIMS = ["learning/forward-pass", "learning/cost-surface-descent", "learning/backprop-errors"]


@pytest.fixture(scope="module")
def chapter():
    """The chapter's figure scripts as modules by file name (learning.py: example_net, backprop_errors ...;
    learning_cost_surface.py: line_data, descent_paths ...; learning_passes.py: the animations of the
    net) and all their specs by id."""
    return load_chapter_scripts("learning.py", "learning_passes.py", "learning_cost_surface.py")


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
    # every frame, pauses included, with the recipe's timing to within the GIF's centisecond
    with Image.open(figure_file(entry, "gif")) as gif:
        durations = []
        for k in range(gif.n_frames):
            gif.seek(k)
            durations.append(gif.info["duration"])
    assert abs(sum(durations) - 1000 * sum(anim.repeats()) / anim.fps) <= 10


@pytest.mark.parametrize("figure_id", ANIMS)
def test_animation_sides_are_multiples_of_16(built_figures, figure_id):
    width, height = built_figures[figure_id]["size"]
    assert width % 16 == 0 and height % 16 == 0 and width >= 640 and height >= 400


# Frames that show every phase of each animation (inputs, travel, fill, errors, updates, the end):
# the build measures only the poster, so these are measured here.
PHASE_FRAMES = {"learning/forward-pass": [0, 8, 13, 30, 53],
                "learning/backprop-errors": [0, 10, 20, 30, 45, 52, 60, 69],
                "learning/cost-surface-descent": [0, 1, 20, 33, 40]}


@pytest.mark.parametrize("figure_id", ANIMS)
def test_no_frame_of_an_animation_has_text_under_12_css_px(chapter, figure_id):
    from nnviz.render.measure import text_sizes
    from nnviz.render.theme import LIGHT, MIN_TEXT_PX, use

    anim, ctx = run_recipe(chapter[1][figure_id])
    with use(LIGHT):
        for i in PHASE_FRAMES[figure_id]:
            anim.update(i)
            smallest = text_sizes(anim.fig, ctx.slot.width)[0]
            assert smallest.px >= MIN_TEXT_PX - 1e-6, f"frame {i}: {smallest.text!r} is {smallest.px:.2f} CSS px"


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


def test_the_errors_shrink_on_their_way_back_as_the_page_says(built_figures, chapter):
    module = chapter[0]["learning.py"]
    published = facts(built_figures, "learning/backprop-errors")
    deltas = module.backprop_errors(module.example_net(), module.SAMPLE, module.TARGET)
    largest = [float(np.abs(d).max()) for d in deltas]  # hidden 1, hidden 2, output
    assert largest[0] < largest[1] < largest[2]
    assert published["hidden1_error"] == f"{largest[0]:.3f}" and published["hidden2_error"] == f"{largest[1]:.3f}"
    assert float(published["change_hidden1"]) < float(published["change_out"])


def test_within_a_layer_the_larger_error_is_painted_stronger(chapter):
    # each layer has its own colour scale (see below), so paleness compares errors inside a layer only
    from matplotlib.colors import to_rgb
    from matplotlib.patches import Circle

    module = chapter[0]["learning.py"]
    deltas = [d[0] for d in module.backprop_errors(module.example_net(), module.SAMPLE, module.TARGET)]
    anim, ctx = run_recipe(chapter[1]["learning/backprop-errors"])
    fill_1 = max(i for i in range(anim.frames) if anim.label(i).endswith("fill 1"))
    anim.update(fill_1)  # the last error frame: every neuron filled with its error
    nodes = [p for p in anim.fig.axes[0].patches if isinstance(p, Circle)]
    assert len(nodes) == sum(module.SIZES)
    start = module.SIZES[0]
    for layer, delta in enumerate(deltas, start=1):
        fills = [np.array(to_rgb(p.get_facecolor())) for p in nodes[start: start + len(delta)]]
        start += len(delta)
        paleness = [np.linalg.norm(f - np.array(to_rgb(ctx.theme.bg))) for f in fills]
        order = np.argsort(np.abs(delta))
        assert np.all(np.diff(np.array(paleness)[order]) > 0) or len(delta) == 1, layer

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


def test_the_diverging_walk_is_drawn_short_and_gone_once_it_leaves_the_plot(chapter, built_figures):
    module = chapter[0]["learning_cost_surface.py"]
    (_, _), (_, _), (_, large) = module.STEP_SIZES
    path = module.descent_paths()[large]
    exit_step = module.first_exit(path, module.W_LIM, module.B_LIM)
    assert exit_step is not None and 0 < exit_step < module.DESCENT_STEPS
    assert facts(built_figures, "learning/cost-surface-descent")["exit_step"] == str(exit_step)
    anim, ctx = run_recipe(chapter[1]["learning/cost-surface-descent"])
    contour_ax = anim.fig.axes[0]
    colour = ctx.theme.series[1]  # the diverging walk's crimson
    for i in (10, exit_step - 1, exit_step + 2, module.DESCENT_STEPS):
        anim.update(i)
        drawn = [ln for ln in contour_ax.lines if ln.get_visible() and ln.get_color() == colour]
        points = sum(len(ln.get_xdata()) for ln in drawn)
        if i <= exit_step:
            assert 0 < points <= module.DIVERGING_TRAIL + 2  # the trail and its head
        else:
            assert points == 0


def test_the_lines_panel_says_when_the_diverging_line_has_left_it(chapter):
    """'The three lines' shows two once the diverging walk's line is off the panel: a note says so
    (earlier review, e)."""
    module = chapter[0]["learning_cost_surface.py"]
    anim, _ = run_recipe(chapter[1]["learning/cost-surface-descent"])
    lines_ax = anim.fig.axes[2]
    notes = lambda: [t.get_text() for t in lines_ax.texts if t.get_visible() and t.get_text()]  # noqa: E731
    anim.update(0)
    assert notes() == ["step 0: the three lines coincide"]
    anim.update(module.DESCENT_STEPS)
    lo, hi = lines_ax.get_ylim()
    off = [ln for ln in lines_ax.lines if len(ln.get_xdata()) == 2 and
           (min(ln.get_ydata()) > hi or max(ln.get_ydata()) < lo)]
    assert len(off) == 1 and any("off this panel" in n for n in notes())


@pytest.mark.parametrize("figure_id", ["learning/forward-pass", "learning/backprop-errors"])
def test_each_step_of_the_phase_player_names_a_new_frame(built_figures, figure_id):
    """The step key moves one frame; a phase of several frames counts them, so no press repeats the
    label before (review B-L8)."""
    labels = built_figures[figure_id]["labels"]
    assert all(a != b for a, b in zip(labels, labels[1:]))
    assert labels[0].startswith("phase 1 of ")


def test_the_three_walks_are_all_visible_at_the_start(chapter):
    module = chapter[0]["learning_cost_surface.py"]
    sizes = module.HEAD_SIZES
    assert len(set(sizes)) == len(sizes) == len(module.STEP_SIZES)  # concentric dots of different sizes
    anim, ctx = run_recipe(chapter[1]["learning/cost-surface-descent"])
    anim.update(0)
    heads = [ln for ln in anim.fig.axes[0].lines if ln.get_marker() == "o" and ln.get_markersize() in sizes]
    assert len(heads) == 3
    # drawn smallest on top, so every one shows a ring around the next
    assert [h.get_markersize() for h in sorted(heads, key=lambda h: h.get_zorder())] == sorted(sizes, reverse=True)


def test_the_three_step_sizes_crawl_arrive_and_diverge(chapter):
    module = chapter[0]["learning_cost_surface.py"]
    paths = module.descent_paths()
    (_, small), (_, good), (_, large) = module.STEP_SIZES
    cost = {lr: module.line_mse(p[:, 0], p[:, 1]) for lr, p in paths.items()}
    lowest = module.line_mse(*np.linalg.lstsq(np.c_[module.line_data()[0], np.ones(20)],
                                              module.line_data()[1], rcond=None)[0])
    assert cost[good][-1] < 1.25 * lowest
    assert good <= 0.75 * module.critical_step()  # calm: each overshoot across the valley at most half the last
    assert cost[small][-1] > 5 * lowest
    assert cost[large][-1] > cost[large][0]
    assert 0 < np.argmin(cost[large]) < module.DESCENT_STEPS // 4  # it dips first, as the page says
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


@pytest.mark.parametrize("figure_id, frames", [
    # no error yet; every error at the end of the backward pass; none in the update frames (the poster), where
    # colour means the weight change only and the errors stay as numbers
    ("learning/backprop-errors", lambda sizes, anim: [
        (0, 0), (max(i for i in range(anim.frames) if anim.label(i).endswith("fill 1")), sum(sizes[1:])),
        (anim.poster, 0)]),
    ("learning/forward-pass", lambda sizes, anim: [(0, sizes[0]), (anim.frames - 1, sum(sizes))]),  # inputs; all
])
def test_in_the_network_animations_only_a_value_fills_a_node(chapter, figure_id, frames):
    from matplotlib.colors import to_rgb
    from matplotlib.patches import Circle

    module = chapter[0]["learning.py"]
    anim, ctx = run_recipe(chapter[1][figure_id])
    bg = np.array(to_rgb(ctx.theme.bg))
    for i, filled in frames(module.SIZES, anim):
        anim.update(i)
        nodes = [p for p in anim.fig.axes[0].patches if isinstance(p, Circle)]
        coloured = [p for p in nodes if not np.allclose(to_rgb(p.get_facecolor()), bg)]
        assert len(coloured) == filled, f"frame {i}: {len(coloured)} filled nodes, expected {filled}"


def test_the_figures_write_the_layer_equation_as_the_page_does(chapter):
    page = PAGE.read_text()
    assert r"[W] \; @ \; [X] + [\mathit{Bias}] = [Z]" in page
    specs = chapter[1]
    for figure_id, spec in specs.items():
        assert "[Z] = [W]" not in spec.caption, figure_id
    anim, _ = run_recipe(specs["learning/forward-pass"])
    anim.update(10)  # signals on their way to the first hidden layer
    assert "[W] @ [X] + [Bias] = [Z]" in anim.fig._supxlabel.get_text()


def test_the_matrix_map_names_the_activations_its_hidden_nodes_show(chapter):
    fig, _ = run_recipe(chapter[1]["learning/matrix-forward-map"])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("[Z]" in t and "[A]" in t for t in texts), texts


def test_the_weight_naming_figure_names_the_neurons_its_indices_point_to(chapter):
    fig, _ = run_recipe(chapter[1]["learning/weights-input1"])
    texts = {t.get_text() for t in fig.axes[0].texts if t.get_visible()}
    assert {"$W_{1,1}$", "$W_{1,2}$", "neuron 1", "neuron 2"} <= texts, texts


# ------------------------------------------------------------------------- blame, per layer and in numbers

def test_the_numbers_printed_in_the_backprop_figure_check_by_hand(built_figures):
    # the figure prints "(0.3076 - 1)^2 = 0.479": the rounded output must give the printed cost
    published = facts(built_figures, "learning/backprop-errors")
    for out, cost in (("before", "loss_before"), ("after", "loss_after")):
        assert f"{(float(published[out]) - 1) ** 2:.3f}" == published[cost]


def test_each_layer_of_the_backprop_figure_has_its_own_error_scale(chapter):
    # on one scale the first layer's errors were white discs; per layer, each layer's largest is full colour
    from matplotlib.colors import to_rgb

    anim, ctx = run_recipe(chapter[1]["learning/backprop-errors"])
    fill_1 = max(i for i in range(anim.frames) if anim.label(i).endswith("fill 1"))
    anim.update(fill_1)
    ends = [np.array(to_rgb(ctx.theme.cmap_div(v))) for v in (0.0, 1.0)]
    discs = [p for p in anim.fig.axes[0].patches if hasattr(p, "center")]
    full = [p for p in discs if any(np.abs(np.array(p.get_facecolor()[:3]) - e).max() < 0.02 for e in ends)]
    assert len({round(p.center[0], 3) for p in full}) == 3  # hidden 1, hidden 2 and the output


def test_the_update_frames_write_every_weight_change_on_its_edge(chapter):
    modules, specs = chapter
    net_module = modules["learning_passes.py"]
    anim, _ = run_recipe(specs["learning/backprop-errors"])
    anim.update(anim.poster)
    net = net_module.example_net()
    deltas = [d for d in net_module.backprop_errors(net, net_module.SAMPLE, net_module.TARGET)]
    changes = [-net_module.BACKPROP_LR * dW for dW, _ in net_module.weight_gradients(net, net_module.SAMPLE, deltas)]
    shown = sorted(t.get_text() for t in anim.fig.axes[0].texts if t.get_visible() and t.get_zorder() == 7)
    expected = sorted(f"{v:+.3f}".replace("-", "\u2212") for dW in changes for v in dW.ravel())
    assert shown == expected
