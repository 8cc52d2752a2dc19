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
from matplotlib.lines import Line2D

from nnviz.render import Animation
from nnviz.render.animate import paced_fps
from nnviz.render.plots import curves as curves_plot
from nnviz.render.plots import descent

# ------------------------------------------------------------------------- the cost surface (anim)

DESCENT_STEPS = 40
# "about right" is 0.7 of the critical step (0.36): its one overshoot across the valley halves and more at
# every step, so it walks calmly; 0.3 (0.83 of it) zig-zagged for ten steps and looked half unstable
STEP_SIZES = (("too small", 0.02), ("about right", 0.25), ("too large", 0.37))
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
    net.set_weights([(np.array([[theta[0]]]), np.array([theta[1]]))])
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


def first_exit(path, xlim, ylim):
    """Index of the first point of `path` (n, 2) outside the box xlim x ylim, or None if it stays in."""
    outside = ((path[:, 0] < xlim[0]) | (path[:, 0] > xlim[1]) | (path[:, 1] < ylim[0]) | (path[:, 1] > ylim[1]))
    return int(np.argmax(outside)) if outside.any() else None


W_LIM, B_LIM = (-2.5, 4.5), (-3.0, 3.5)  # the window of the contour panel
DIVERGING_TRAIL = 4                       # the diverging walk shows only its last few steps: the zig-zag, not a smear
HEAD_SIZES = (13, 9, 6)                   # concentric heads: at the start all three walks stay visible


@figure("learning/cost-surface-descent", kind="anim", seed=0,
        caption="Gradient descent on the mean squared error of a line $y = wx + b$. The large panel: the cost over the two "
                "parameters as contour lines, and three walks from the same start (the three dots drawn "
                "inside one another). A step of {small} crawls, {good} walks calmly down to cost {good_cost} "
                "(the lowest possible is {min_cost}), "
                "{large} overshoots further each time and diverges: only its last {trail} steps are drawn, and once "
                "it leaves the plot (step {exit_step}) a note says so; any step above {critical} would do the same. "
                "The two small panels: the cost after each step, each curve named by its step size, and the three "
                "lines against the data.",
        alt="Left: elliptical contour lines of a cost bowl tilted diagonally, with three coloured walks "
            "starting at the same point: one inches forward, one zig-zags briefly and settles at the star "
            "in the centre, one zig-zags ever wider across the valley until it leaves the plot, where a note "
            "says it diverges. Top right: the cost per step on a log scale for the three runs. Bottom right: "
            "scattered data points and three fitted lines.")
def cost_surface_descent(ctx):
    # data and model: the cost over a grid of (w, b), and the three runs
    x, y = line_data()
    paths = descent_paths()
    ws, bs = np.linspace(*W_LIM, 141), np.linspace(*B_LIM, 131)
    cost = line_mse(*np.meshgrid(ws, bs))
    costs = {lr: line_mse(p[:, 0], p[:, 1]) for lr, p in paths.items()}
    (_, small), (_, good), (_, large) = STEP_SIZES
    exit_step = first_exit(paths[large], W_LIM, B_LIM)
    ctx.fact("small", small)
    ctx.fact("good", good)
    ctx.fact("large", large)
    ctx.fact("critical", critical_step(), "{:.2f}")
    ctx.fact("steps", DESCENT_STEPS)
    ctx.fact("start_cost", costs[good][0], "{:.2f}")
    ctx.fact("good_cost", costs[good][-1], "{:.3f}")
    ctx.fact("small_cost", costs[small][-1], "{:.2f}")
    ctx.fact("large_cost", costs[large][-1], "{:.0f}")
    ctx.fact("large_dip_step", int(np.argmin(costs[large])))
    ctx.fact("large_dip_cost", costs[large].min(), "{:.2f}")
    ctx.fact("min_cost", cost.min(), "{:.3f}")
    ctx.fact("exit_step", exit_step)
    ctx.fact("trail", DIVERGING_TRAIL)

    # draw: contours with the walks (left) | cost per step (top right) | the data with the lines (bottom right)
    th = ctx.theme
    fig = ctx.figure(height=472, narrow_height=640)  # 944 image px: sides a multiple of 16 for the video encoder
    if ctx.narrow:  # on a phone the contours take the width, the two small plots go side by side below
        grid = fig.add_gridspec(2, 2, height_ratios=[1.45, 1.0])
        left, mid, right = fig.add_subplot(grid[0, :]), fig.add_subplot(grid[1, 0]), fig.add_subplot(grid[1, 1])
    else:
        grid = fig.add_gridspec(2, 2, width_ratios=[1.3, 1.0])
        left, mid, right = fig.add_subplot(grid[:, 0]), fig.add_subplot(grid[0, 1]), fig.add_subplot(grid[1, 1])
    colors = (th.series[2], th.series[0], th.series[1])  # grey, purple, crimson: three hues, not three reds
    descent.cost_contours(left, th, ws, bs, cost, levels=14, filled=False)
    # named from the top-left corner, where no walk goes: below the start the walks cross back and forth
    left.annotate("start (all three)", DESCENT_START, xytext=(W_LIM[0] + 0.1, B_LIM[1] - 0.1), textcoords="data",
                  fontsize=12, color=th.fg, ha="left", va="top",
                  bbox=dict(boxstyle="round,pad=0.15", facecolor=th.bg, edgecolor="none"),
                  arrowprops=dict(arrowstyle="-", color=th.muted, lw=1, shrinkA=0, shrinkB=9))
    best = np.unravel_index(np.argmin(cost), cost.shape)
    left.plot(ws[best[1]], bs[best[0]], "*", color=th.fg, markersize=12, zorder=2)
    left.annotate("lowest cost", (ws[best[1]], bs[best[0]]), xytext=(8, -2), textcoords="offset points",
                  fontsize=12, color=th.fg, ha="left", va="top")
    left.set_xlim(*W_LIM)
    left.set_ylim(*B_LIM)
    left.set_xlabel("weight w")
    left.set_ylabel("bias b")
    left.set_title("cost over (w, b)")
    gone = ctx.keep_wrapped(left.text(0.03, 0.03, "", transform=left.transAxes, fontsize=12, color=colors[2], ha="left",
                                      va="bottom", zorder=6,
                                      bbox=dict(boxstyle="round,pad=0.2", facecolor=th.bg, edgecolor="none")))

    mid.set_yscale("log")
    mid.set_xlim(0, DESCENT_STEPS)
    mid.set_ylim(0.5 * cost.min(), 50 * costs[good][0])
    mid.axhline(cost.min(), color=th.muted, linewidth=1, linestyle=":")
    mid.text(DESCENT_STEPS, cost.min(), "lowest possible", ha="right", va="top", fontsize=12, color=th.muted)
    mid.set_ylabel("cost (MSE)")
    mid.set_xlabel("step")
    mid.set_title("cost after each step", fontsize=13)
    names = curves_plot.end_labels(mid, th, [f"\u03b7 = {lr:g}" for _, lr in STEP_SIZES], colors)

    right.scatter(x, y, s=14, color=th.muted, zorder=3)
    right.set_xlim(-0.1, 2.1)
    right.set_ylim(y.min() - 1.0, y.max() + 1.0)
    same = right.text(0.03, 0.04, ctx.pick("step 0: the three lines coincide", "step 0: the three\nlines coincide"),
                      transform=right.transAxes, fontsize=12, color=th.muted, ha="left", va="bottom")
    right.set_xlabel("x")
    right.set_ylabel("y")
    right.set_title("the three lines", fontsize=13)

    traces, curves, lines, handles = [], [], [], []
    xs = np.array([-0.1, 2.1])
    for k, ((name, lr), color, size) in enumerate(zip(STEP_SIZES, colors, HEAD_SIZES)):
        trace = descent.path_trace(left, th, paths[lr], color=color, markersize=size, zorder=3 + k)
        trace.head.set(markeredgecolor=th.bg, markeredgewidth=1.2)
        if lr == large:  # under the other walks, thinner: it must not hide them
            trace.line.set(linewidth=1.0, alpha=0.8, zorder=2)
        traces.append(trace)
        (c,) = mid.plot([], [], color=color)
        curves.append(c)
        (ln,) = right.plot(xs, xs, color=color, linewidth=1.8)
        lines.append(ln)
        handles.append(Line2D([], [], color=color, marker="o", markersize=size, markeredgecolor=th.bg,
                              label=f"\u03b7 = {lr:g}: {name}"))
    fig.legend(handles=handles, loc="outside lower center", ncols=ctx.pick(3, 1), fontsize=12, frameon=False,
               handletextpad=0.4, columnspacing=1.2)
    clock = fig.suptitle(f"step 0 of {DESCENT_STEPS}", fontsize=12, color=th.muted)
    descent.freeze_layout(fig)

    def update(i):
        for (name, lr), trace, c, ln in zip(STEP_SIZES, traces, curves, lines):
            shown = i
            if lr == large and exit_step is not None:
                shown = min(i, exit_step)  # the last point drawn is the first one off the plot (clipped)
            trace.update(shown)
            if lr == large:  # only the last few steps of the diverging walk, and nothing once it has left
                lo = max(0, shown - DIVERGING_TRAIL)
                trace.line.set_data(paths[lr][lo: shown + 1, 0], paths[lr][lo: shown + 1, 1])
                trace.line.set_visible(exit_step is None or i <= exit_step + 1)
                trace.head.set_visible(exit_step is None or i < exit_step)
            c.set_data(np.arange(i + 1), costs[lr][: i + 1])
            w, b = paths[lr][i]
            ln.set_ydata(w * xs + b)
        names.update([costs[lr][i] for _, lr in STEP_SIZES])
        gone.set_text(f"\u03b7 = {large:g} diverges: it left the plot at step {exit_step}"
                      if exit_step is not None and i >= exit_step else "")
        lo_y, hi_y = right.get_ylim()  # the diverging walk's line can leave this panel too: say so
        w, b = paths[large][i]
        off = min(w * xs + b) > hi_y or max(w * xs + b) < lo_y
        same.set_text(ctx.pick("step 0: the three lines coincide", "step 0: the three\nlines coincide") if i == 0 else
                      ctx.pick(f"\u03b7 = {large:g}: its line is off this panel",
                               f"\u03b7 = {large:g}: its line\nis off this panel") if off else "")
        same.set_visible(i == 0 or off)
        clock.set_text(f"step {i} of {DESCENT_STEPS}")

    return Animation(fig, update, frames=DESCENT_STEPS + 1, fps=paced_fps(DESCENT_STEPS + 1), hold_first=1.5,
                     hold_last=2.5, labels=[f"step {i}" for i in range(DESCENT_STEPS + 1)], clock="step")
