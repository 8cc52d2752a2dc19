"""The stairs classifier, part 3: why momentum helps, on a bumpy cost with one parameter.

What the reader sees:
- local-minima: balls rolling down a bumpy cost: small steps get stuck, big steps never settle,
  momentum rolls over the small bumps.
"""
from __future__ import annotations

import functools

import numpy as np

from nnviz.build import figure
from nnviz.render import Animation
from nnviz.render.animate import paced_fps
from nnviz.render.plots import descent

# ---------------------------------------------------------------------------------- local minima

BUMPS = dict(bowl=0.08, ripple=0.3, freq=2.5, centre=1.0)  # cost(w) = bowl (w-c)^2 + ripple (1 - cos(freq (w-c)))
STARTS = (-5.5, -2.0, 0.2, 3.0, 6.5)
RUNS = (  # (title, learning rate, momentum)
    ("small steps", 0.05, 0.0),
    ("large steps", 1.2, 0.0),
    ("small steps + momentum", 0.05, 0.9),
)
MINIMA_STEPS = 70


def bumpy_cost(w):
    u = np.asarray(w, dtype=float) - BUMPS["centre"]
    return BUMPS["bowl"] * u**2 + BUMPS["ripple"] * (1 - np.cos(BUMPS["freq"] * u))


def bumpy_grad(w):
    u = np.asarray(w, dtype=float) - BUMPS["centre"]
    return 2 * BUMPS["bowl"] * u + BUMPS["ripple"] * BUMPS["freq"] * np.sin(BUMPS["freq"] * u)


@functools.cache
def rolling_runs():
    """Every (setting, start) descent on the bumpy cost: {title: array (n_starts, steps + 1)}."""
    return {title: np.array([descent.descend(bumpy_grad, [s], lr, MINIMA_STEPS, momentum)[:, 0]
                             for s in STARTS])
            for title, lr, momentum in RUNS}


def settled_at_bottom(path, tol=0.3, last=10):
    """True when the last positions of a path all sit within `tol` of the global minimum."""
    return bool(np.all(np.abs(np.asarray(path)[-last:] - BUMPS["centre"]) < tol))


def still_moving(path, tol=0.1, last=10):
    """True when a path has not come to rest: its last positions still spread by more than `tol`."""
    return bool(np.ptp(np.asarray(path)[-last:]) > tol)


@figure("stairs/local-minima", kind="anim", seed=0,
        caption="Five balls start at the same places on a bumpy cost in each panel. With small steps each "
                "stops in the nearest dip ({small} of 5 end in the lowest valley); with large steps they keep "
                "bouncing from wall to wall, flipping sides at every frame ({large} of 5 end there); with "
                "momentum they roll over the small bumps ({momentum} of 5 end there). Each start has its own "
                "colour, and the balls are drawn smaller from the leftmost start to the rightmost, so that balls "
                "resting in the same dip show as rings. A mark above each dip points down at it: the star at "
                "the lowest, triangles at the others.",
        alt="Three panels with the same wavy cost curve. Coloured balls roll downhill from five starting "
            "points; in the first most stop in small dips, in the second they jump back and forth, in the "
            "third most roll through to the deepest valley in the middle.")
def local_minima(ctx):
    # data and model: the cost curve and every run of gradient descent on it
    w = np.linspace(-6.5, 7.5, 601)
    runs = rolling_runs()
    cost = bumpy_cost(w)
    minima = w[1:-1][(cost[1:-1] < cost[:-2]) & (cost[1:-1] < cost[2:])]
    reached = {title: sum(settled_at_bottom(p) for p in paths) for title, paths in runs.items()}
    bouncing = {title: sum(still_moving(p) and not settled_at_bottom(p) for p in paths)
                for title, paths in runs.items()}
    ctx.fact("steps", MINIMA_STEPS)
    for key, (title, _, _) in zip(("small", "large", "momentum"), RUNS):
        ctx.fact(key, reached[title])
        ctx.fact(f"{key}_bouncing", bouncing[title])

    # draw: one panel per setting, a ball per start
    th = ctx.theme
    fig, axes = ctx.subplots(1, 3, height=304, narrow_height=624, sharey=True)  # a multiple of 8: video frames
    balls, verdicts = [], []
    for ax, (title, lr, momentum) in zip(axes, RUNS):
        descent.cost_curve(ax, th, w, cost, minima=minima, legend=ax is axes[0])
        sub = f"step size {lr}" + (f", momentum {momentum}" if momentum else "")
        ax.set_title(f"{title}\n{sub}", fontsize=12)
        ax.set_xlabel("parameter w")
        for k, path in enumerate(runs[title]):
            # balls are not classes: one series colour each (five starts, five series colours), and
            # shrinking sizes, so balls resting in the same dip show as rings, none hidden
            color = th.series[k % len(th.series)]
            balls.append(descent.ball_trace(ax, th, path, bumpy_cost, color=color, size=14 - 2 * k))
        verdicts.append(ax.text(0.5, 0.97, "", transform=ax.transAxes, ha="center", va="top",
                                fontsize=12, color=th.fg))
    axes[0].set_ylabel("cost")
    clock = fig.suptitle(f"step {MINIMA_STEPS} of {MINIMA_STEPS}", fontsize=12, color=th.muted)
    descent.freeze_layout(fig)

    def update(i):
        for ball in balls:
            ball.update(i)
        clock.set_text(f"step {min(i, MINIMA_STEPS)} of {MINIMA_STEPS}")
        for text, (title, _, _) in zip(verdicts, RUNS):
            note = f"\n{bouncing[title]} still bouncing" if bouncing[title] else ""
            text.set_text(f"{reached[title]} of {len(STARTS)} settled in the lowest valley{note}"
                          if i >= MINIMA_STEPS else "")

    return Animation(fig, update, frames=MINIMA_STEPS + 1, fps=paced_fps(MINIMA_STEPS + 1), hold_first=1.5,
                     hold_last=2.5, labels=[f"step {i}" for i in range(MINIMA_STEPS + 1)], clock="step")
