"""Forward propagation and learning: gradient descent on a cost surface.

What the reader sees:
- cost-surface-descent: the mean squared error of a one-input linear neuron over its two parameters,
  and gradient descent walking down it with a step that is too small, one that is right, one too large.

The chapter's 5-2-2-1 example net and its forward and backward passes are drawn by learning.py.
"""
from __future__ import annotations

import functools

import numpy as np

from nnviz.build import figure
from nnviz.engine import MLP
from nnviz.render import Animation
from nnviz.render.plots import descent

# ------------------------------------------------------------------------- the cost surface (anim)

DESCENT_STEPS = 40
STEP_SIZES = (("too small", 0.02), ("about right", 0.3), ("too large", 0.37))
DESCENT_START = (-1.5, 2.6)  # (w, b)


@functools.cache
def line_data():
    """Twenty points near the line y = 1.5 x - 0.5, x in [0, 2] (seeded)."""
    rng = np.random.default_rng(4)
    x = np.sort(rng.uniform(0.0, 2.0, 20))
    y = 1.5 * x - 0.5 + rng.normal(0.0, 0.3, x.size)
    return x, y


def line_mse(w, b):
    """MSE of the line w x + b on `line_data`, for arrays of w and b at once (a quadratic in w, b)."""
    x, y = line_data()
    w, b = np.asarray(w, float)[..., None], np.asarray(b, float)[..., None]
    return np.mean((w * x + b - y) ** 2, axis=-1)


def line_neuron_grad(theta):
    """The gradient (dL/dw, dL/db) from the engine: a one-input neuron with no activation."""
    x, y = line_data()
    net = MLP([1, 1], activation="identity", output="identity")
    net.set_params([(np.array([[theta[0]]]), np.array([theta[1]]))])
    _, ((dW, db),) = net.loss_and_gradients(x[:, None], y[:, None], loss="mse")
    return np.array([dW[0, 0], db[0]])


@functools.cache
def descent_paths():
    """{step size: path (steps + 1, 2) of (w, b)} for every step size of the figure."""
    return {lr: descent.descend(line_neuron_grad, DESCENT_START, lr, DESCENT_STEPS) for _, lr in STEP_SIZES}


def critical_step():
    """Above 2 / (largest curvature of the bowl) gradient descent on this quadratic diverges."""
    x, _ = line_data()
    hessian = 2 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    return 2.0 / np.linalg.eigvalsh(hessian).max()


@figure("learning/cost-surface-descent", kind="anim", seed=0,
        caption="Gradient descent on the mean squared error of a line w x + b. Left: the cost over the two "
                "parameters as contour lines, and three walks from the same start. A step of {small} crawls, "
                "{good} reaches the bottom (cost {good_cost}), {large} overshoots further each time and "
                "diverges (any step above {critical} would). Middle: the cost after each step. Right: the "
                "three lines against the data.",
        alt="Three panels. Left: elliptical contour lines of a cost bowl tilted diagonally, with three "
            "coloured paths starting at the same point: one inches forward, one zig-zags briefly and settles "
            "in the centre, one zig-zags ever wider until it leaves the plot. Middle: the cost per step on a "
            "log scale for the three runs. Right: scattered data points and three fitted lines.")
def cost_surface_descent(ctx):
    # data and model: the cost over a grid of (w, b), and the three runs
    x, y = line_data()
    paths = descent_paths()
    ws, bs = np.linspace(-2.5, 4.5, 141), np.linspace(-3.0, 3.5, 131)
    cost = line_mse(*np.meshgrid(ws, bs))
    costs = {lr: line_mse(p[:, 0], p[:, 1]) for lr, p in paths.items()}
    (_, small), (_, good), (_, large) = STEP_SIZES
    ctx.fact("small", small)
    ctx.fact("good", good)
    ctx.fact("large", large)
    ctx.fact("critical", critical_step(), "{:.2f}")
    ctx.fact("steps", DESCENT_STEPS)
    ctx.fact("start_cost", costs[good][0], "{:.2f}")
    ctx.fact("good_cost", costs[good][-1], "{:.3f}")
    ctx.fact("small_cost", costs[small][-1], "{:.2f}")
    ctx.fact("min_cost", cost.min(), "{:.3f}")

    # draw: contours with paths | cost per step | the data with the current lines
    th = ctx.theme
    fig, (left, mid, right) = ctx.subplots(1, 3, figsize=(11.2, 4.8), width_ratios=[1.25, 1.0, 1.0])
    descent.cost_contours(left, th, ws, bs, cost, levels=14, filled=False)
    left.plot(*DESCENT_START, "s", color=th.fg, markersize=6, zorder=5)
    left.annotate("start", DESCENT_START, xytext=(-6, -4), textcoords="offset points", fontsize=12, color=th.fg,
                  ha="right", va="top")
    best = np.unravel_index(np.argmin(cost), cost.shape)
    left.plot(ws[best[1]], bs[best[0]], "*", color=th.fg, markersize=11, zorder=2)
    left.set_xlim(ws[0], ws[-1])
    left.set_ylim(bs[0], bs[-1])
    left.set_xlabel("weight w")
    left.set_ylabel("bias b")
    left.set_title("cost over (w, b)")

    mid.set_yscale("log")
    mid.set_xlim(0, DESCENT_STEPS)
    mid.set_ylim(0.5 * cost.min(), 50 * costs[good][0])
    mid.axhline(cost.min(), color=th.muted, linewidth=1, linestyle=":")
    mid.text(0.5, cost.min(), "lowest possible cost", ha="left", va="top", fontsize=12, color=th.muted)
    mid.set_xlabel("step")
    mid.set_ylabel("mean squared error")
    mid.set_title("cost after each step")

    right.scatter(x, y, s=16, color=th.muted, zorder=3, label="data")
    right.set_xlim(-0.1, 2.1)
    right.set_ylim(y.min() - 1.0, y.max() + 1.0)
    right.set_xlabel("x")
    right.set_ylabel("y")
    right.set_title("the three lines")

    traces, curves, lines = [], [], []
    xs = np.array([-0.1, 2.1])
    for k, (name, lr) in enumerate(STEP_SIZES):
        color = th.classes[k]
        traces.append(descent.path_trace(left, th, paths[lr], color=color, label=f"step {lr}: {name}",
                                         zorder=4 if lr == good else 3))
        (c,) = mid.plot([], [], color=color)
        curves.append(c)
        (ln,) = right.plot(xs, xs, color=color, linewidth=1.8)
        lines.append(ln)
    left.legend(loc="lower left", fontsize=12, framealpha=0.85)
    clock = fig.suptitle(f"step 0 of {DESCENT_STEPS}", fontsize=12, color=th.muted)
    descent.freeze_layout(fig)

    def update(i):
        for (name, lr), trace, c, ln in zip(STEP_SIZES, traces, curves, lines):
            trace.update(i)
            c.set_data(np.arange(i + 1), costs[lr][: i + 1])
            w, b = paths[lr][i]
            ln.set_ydata(w * xs + b)
        clock.set_text(f"step {i} of {DESCENT_STEPS}")

    return Animation(fig, update, frames=DESCENT_STEPS + 1, fps=6, hold_last=2.5)
