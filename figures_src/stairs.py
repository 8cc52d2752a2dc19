"""The stairs classifier, part 1: tiny 2x2 pictures, and models with weights set by hand.

What the reader sees:
- stairs-samples: a grid of the data set's pictures, each labelled "stairs" or "not stairs";
- perceptron-scores: a hand-set linear perceptron scoring pictures, and how its scores split the classes;
- case-a-b: the same +60 darkening of pixel x3 moves a linear score equally from two starting
  pictures, but moves a sigmoid's probability a lot from one and hardly at all from the other;
- mlp-detectors: a two-layer net wired from a "left stairs" and a "right stairs" detector.

The chapter goes on in stairs_training.py (nets that learn the weights themselves) and
stairs_local_minima.py (why momentum helps).
Pictures are four pixels x1 x2 (top row) and x3 x4 (bottom row), 0 = white .. 255 = black.
"""
from __future__ import annotations

import numpy as np

from nnviz.build import figure
from nnviz.engine import MLP, datasets
from nnviz.engine.activations import Sigmoid
from nnviz.render import diagrams
from nnviz.render.plots import curves, images

from _stairs_pictures import CLASS_NAMES, stairs_data

# The models of the chapter's first part, with the weights the source article gives them.
PERCEPTRON_W = np.array([-0.0019, -0.0016, 0.0020, 0.0023])  # linear score on raw pixels 0..255
PERCEPTRON_B = 0.0003
LOGISTIC_W = np.array([-0.140, -0.145, 0.121, 0.092])  # the same idea wrapped in a sigmoid
LOGISTIC_B = -0.008
CASE_START = np.array([100.0, 0.0, 0.0, 125.0])  # case A starts here; +60 on x3 gives case B's start




def sigmoid(z):
    return Sigmoid().value(np.asarray(z, dtype=float))


def linear_score(X):
    return np.asarray(X, dtype=float) @ PERCEPTRON_W + PERCEPTRON_B


def logistic_prob(X):
    return sigmoid(np.asarray(X, dtype=float) @ LOGISTIC_W + LOGISTIC_B)


# ---------------------------------------------------------------------------------- the data

@figure("stairs/stairs-samples", kind="png", seed=0,
        caption="The first 24 of the {n} pictures. A staircase has a dark bottom row and one dark top "
                "pixel (dark: {dark_lo} to 255) beside a white one (0 to {light_hi}); the other half of the "
                "pictures are four random greys.",
        alt="A grid of 24 tiny two-by-two pixel pictures in three rows, each labelled stairs or not stairs. "
            "The stairs pictures have a dark bottom row and exactly one dark top pixel; the others look random.")
def stairs_samples(ctx):
    # data
    X, y, _, _ = stairs_data()
    ctx.fact("n", len(X))
    ctx.fact("n_stairs", int(y.sum()))
    ctx.fact("dark_lo", datasets.STAIRS_DARK[0])
    ctx.fact("light_hi", datasets.STAIRS_LIGHT[1])

    # draw: a grid of pictures, label coloured by class
    th = ctx.theme
    fig, ax = ctx.subplots(figsize=(8.0, 3.8))
    k = 24
    images.image_grid(ax, th, X[:k], ncols=8, labels=[CLASS_NAMES[c] for c in y[:k]],
                      label_colors=[th.classes[c] for c in y[:k]], fontsize=9)
    return fig


# ---------------------------------------------------------------------------------- the perceptron

def picks(y, per_class=4):
    """Indices of the first `per_class` pictures of each class, alternating classes."""
    first = [np.flatnonzero(y == c)[:per_class] for c in (1, 0)]
    return [int(i) for pair in zip(*first) for i in pair]


@figure("stairs/perceptron-scores", kind="png", seed=0,
        caption="The linear perceptron with hand-set weights scores each picture; a score above 0 means "
                "\"stairs\". Top: eight pictures, their scores and whether the verdict is right. Bottom: the "
                "scores of all {n} pictures by class. The two piles overlap, and the perceptron is right on "
                "only {accuracy} of them.",
        alt="Top: a row of eight tiny pictures, four stairs and four not, each with its score and a tick or "
            "cross. Bottom: two overlapping histograms of scores, stairs mostly above zero, not-stairs spread "
            "on both sides of the zero line.")
def perceptron_scores(ctx):
    # data and model: the seed's fixed weights on every picture
    X, y, _, _ = stairs_data()
    scores = linear_score(X)
    right = (scores > 0) == (y == 1)
    ctx.fact("accuracy", right.mean(), "{:.0%}")
    ctx.fact("n", len(X))
    ctx.fact("stairs_right", right[y == 1].mean(), "{:.0%}")
    ctx.fact("other_right", right[y == 0].mean(), "{:.0%}")

    # draw: sample pictures with scores on top, the two score histograms below
    th = ctx.theme
    fig = ctx.figure(figsize=(9.6, 5.6))
    top, bottom = fig.subplots(2, 1, height_ratios=[1.0, 1.5])
    chosen = picks(y)
    labels = [f"{CLASS_NAMES[y[i]]}\nscore {scores[i]:+.2f}\n{'right' if right[i] else 'wrong'}"
              for i in chosen]
    images.image_grid(top, th, X[chosen], ncols=len(chosen), gap=0.7, labels=labels, label_gap=0.75,
                      label_colors=[th.classes[y[i]] for i in chosen], values=True, fontsize=9)

    curves.class_histograms(bottom, th, scores, y, bins=40, range=(scores.min() - 0.05, scores.max() + 0.05),
                            labels=CLASS_NAMES)
    bottom.axvline(0, color=th.fg, linewidth=1.2, linestyle="--")
    bottom.text(0.01, 0.97, "score > 0: \"stairs\"", transform=bottom.get_xaxis_transform(), ha="left",
                va="top", fontsize=9, color=th.fg)
    bottom.set_xlabel("perceptron score  w \u00b7 x + b")
    bottom.set_ylabel("pictures")
    bottom.legend(loc="upper left", fontsize=9)
    return fig


# ---------------------------------------------------------------------------------- case A / B

@figure("stairs/case-a-b", kind="png", seed=0,
        caption="Darken pixel x3 by 60, twice. The linear score rises by {linear_a} both times (left). "
                "The sigmoid model's probability jumps by {sigmoid_a} in case A but only {sigmoid_b} "
                "in case B (right): once the picture already looks like stairs, more ink changes little.",
        alt="Two panels. Left: the linear perceptron's score as a straight line against pixel x3, with two "
            "equal rises marked case A and case B. Right: the sigmoid model's probability against x3, an "
            "S-curve that rises steeply during case A and is flat during case B. Below, the three pictures "
            "with x3 = 0, 60 and 120.")
def case_a_b(ctx):
    # data: one picture with x3 swept from 0 to 180; case A is x3 0 -> 60, case B is 60 -> 120
    x3 = np.linspace(0, 180, 361)
    sweep = np.repeat(CASE_START[None, :], len(x3), axis=0)
    sweep[:, 2] = x3
    stops = np.repeat(CASE_START[None, :], 3, axis=0)
    stops[:, 2] = [0, 60, 120]

    # models: the two fixed models of the page
    score, prob = linear_score(stops), logistic_prob(stops)
    ctx.fact("linear_a", score[1] - score[0], "{:+.2f}")
    ctx.fact("linear_b", score[2] - score[1], "{:+.2f}")
    ctx.fact("sigmoid_a", prob[1] - prob[0], "{:+.3f}")
    ctx.fact("sigmoid_b", prob[2] - prob[1], "{:+.3f}")
    ctx.fact("p_start", prob[0], "{:.3f}")
    ctx.fact("p_a", prob[1], "{:.3f}")
    ctx.fact("p_b", prob[2], "{:.3f}")

    # draw: two curves over x3, the rises as arrows, the three pictures beneath
    th = ctx.theme
    fig = ctx.figure(figsize=(9.6, 4.8))
    grid = fig.add_gridspec(2, 2, height_ratios=[3.2, 1.0])
    panels = [fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])]
    for ax, curve, marks, title, ylabel, fmt in (
            (panels[0], linear_score(sweep), score, "linear perceptron", "score  $\\hat y = w\\cdot x + b$", "{:+.2f}"),
            (panels[1], logistic_prob(sweep), prob, "perceptron + sigmoid", "probability of stairs", "{:+.3f}")):
        ax.plot(x3, curve, color=th.fg, linewidth=1.6)
        for k, (name, color) in enumerate((("A", th.classes[0]), ("B", th.classes[1]))):
            x0, x1, y0, y1 = 60 * k, 60 * (k + 1), marks[k], marks[k + 1]
            ax.annotate("", (x1, y1), (x1, y0), arrowprops=dict(arrowstyle="-|>", color=color, lw=2))
            ax.plot([x0, x1], [y0, y0], ":", color=color, linewidth=1.4)
            ax.plot([x0], [y0], "o", color=color, markersize=6)
            small = abs(y1 - y0) < 0.1 * (curve.max() - curve.min())  # a tiny rise: label below it
            ax.text(x1 + 3, y1 - 0.06 if small else (y0 + y1) / 2, f"case {name}\n{fmt.format(y1 - y0)}",
                    color=color, va="top" if small else "center", ha="left", fontsize=9)
        ax.plot([120], [marks[2]], "o", color=th.classes[1], markersize=6)
        ax.set_xlabel("pixel x3 (0 white, 255 black)")
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.set_xticks([0, 60, 120, 180])
        ax.grid(True, alpha=0.5)
    panels[1].set_ylim(-0.05, 1.08)

    strip = fig.add_subplot(grid[1, :])
    images.image_grid(strip, th, stops, ncols=3, gap=2.2, values=True, fontsize=9,
                      labels=["start: x = [100, 0, 0, 125]", "x3 = 60: end of A, start of B", "x3 = 120: end of B"])
    return fig


# ---------------------------------------------------------------------------------- detectors, by hand

# Two hand-wired detectors on pixels scaled to 0..1: +10 for each pixel that must be dark, -60 for the
# one that must be white, and a bias of -18, so a detector fires only when all four agree. The output
# fires when either detector does.
DETECTOR_W = np.array([[10.0, -60.0], [-60.0, 10.0], [10.0, 10.0], [10.0, 10.0]])  # (pixels, detectors)
DETECTOR_B = np.array([-18.0, -18.0])
OR_W, OR_B = np.array([[10.0], [10.0]]), np.array([-5.0])


def detector_net():
    """The 4-2-1 sigmoid net made from a "left stairs" and a "right stairs" detector (weights by hand)."""
    net = MLP([4, 2, 1], activation="sigmoid", output="sigmoid")
    return net.set_weights([(DETECTOR_W, DETECTOR_B), (OR_W, OR_B)])


@figure("stairs/mlp-detectors", kind="svg", seed=0,
        caption="A two-layer net wired by hand. One hidden neuron detects \"left stairs\" (top-left, bottom-left "
                "and bottom-right dark, top-right white), the other \"right stairs\"; the output fires when "
                "either does. Right: each detector's weights on the 2x2 grid. These hand-set weights label "
                "{accuracy} of the {n} pictures correctly.",
        alt="Left: a network diagram with four pixel inputs, two hidden neurons noted left stairs and right "
            "stairs, and one output noted stairs?; edges are blue for positive and red for negative weights. "
            "Right: two 2x2 grids of numbers, the weights of each detector, with +10 on three pixels and -60 on "
            "the pixel that must be white.")
def mlp_detectors(ctx):
    # data and model: the hand-wired net scored on the pictures (scaled to 0..1)
    X, y, _, _ = stairs_data()
    net = detector_net()
    ctx.fact("accuracy", net.accuracy(X / 255, y), "{:.1%}")
    ctx.fact("n", len(X))

    # draw: the diagram, and the two detectors' weights as pictures
    th = ctx.theme
    fig = ctx.figure(figsize=(9.6, 4.4))
    left, right = fig.subplots(1, 2, width_ratios=[2.0, 1.0])
    diagrams.draw_network(left, net, th, show_activation=True, activation="sigmoid",
                          labels=[["$x_1$", "$x_2$", "$x_3$", "$x_4$"], False, False],
                          layer_labels=["pixels", "detectors", "output"],
                          notes={(1, 0): "left stairs", (1, 1): "right stairs", (2, 0): "stairs?"})
    images.weight_row(right, th, DETECTOR_W, ["left stairs", "right stairs"],
                      [f"bias {b:+.0f}" for b in DETECTOR_B], spacing=1.35, pad=0.1, ylim=(-0.6, 1.5), fmt="{:+.0f}")
    return fig
