"""The stairs classifier, part 1: tiny 2x2 pictures, and models with weights set by hand.

What the reader sees:
- stairs-samples: a grid of the data set's pictures with their pixel values, each labelled "stairs" or
  "not stairs", so the labelling rule can be checked by eye;
- perceptron-scores: the source article's hand-set linear perceptron scoring the article's six sample
  pictures, and how its scores split the classes of our data;
- case-a-b: the same +60 darkening of pixel x3 moves a linear score equally from two starting
  pictures, but moves a sigmoid's probability a lot from one and hardly at all from the other;
- mlp-detectors: a two-layer net wired by hand from three detectors (top-left dark and top-right white;
  the mirror image; bottom row dark), which fires exactly on the staircases.

The chapter goes on in stairs_training.py (nets that learn the weights themselves) and
stairs_local_minima.py (why momentum helps).
Pictures are four pixels x1 x2 (top row) and x3 x4 (bottom row), 0 = white .. 255 = black.
"""
from __future__ import annotations

import itertools

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

# The six sample pictures the article lists (its images 1, 2, 3, 498, 499, 500) with its labels; each
# is stairs or not by our rule too, and visibly so.
ARTICLE_PICTURES = np.array([[252, 4, 155, 175], [175, 10, 186, 200], [82, 131, 230, 100],
                             [36, 187, 43, 249], [1, 160, 169, 242], [198, 134, 22, 188]], dtype=float)
ARTICLE_LABELS = np.array([1, 1, 0, 0, 1, 0])

# Case A / B. The article starts from [100, 0, 0, 125], but by our rule (dark >= 150) neither that picture
# nor the end of its case A is a staircase. From [200, 0, 90, 160], case A (x3 90 -> 150) completes a
# staircase and case B (x3 150 -> 210) darkens a staircase that is already there.
ARTICLE_CASE_START = np.array([100.0, 0.0, 0.0, 125.0])
CASE_START = np.array([200.0, 0.0, 90.0, 160.0])
CASE_STEP = 60.0  # the article's +60 on x3


def sigmoid(z):
    """The logistic function of an array `z` (any shape), elementwise."""
    return Sigmoid().value(np.asarray(z, dtype=float))


def linear_score(X):
    """The article's perceptron score w.x + b of pictures X (n, 4) on raw pixels 0..255; shape (n,)."""
    return np.asarray(X, dtype=float) @ PERCEPTRON_W + PERCEPTRON_B


def logistic_prob(X):
    """The article's sigmoid model: P(stairs) of pictures X (n, 4) on raw pixels 0..255; shape (n,)."""
    return sigmoid(np.asarray(X, dtype=float) @ LOGISTIC_W + LOGISTIC_B)


def best_threshold_accuracy(scores, y):
    """The highest accuracy of the rule "stairs if score > t" over every threshold t, for scores (n,) and
    0/1 labels y (n,): t below all scores, and at each score."""
    scores, y = np.asarray(scores, dtype=float), np.asarray(y) == 1
    cuts = np.r_[scores.min() - 1.0, np.unique(scores)]
    return float(max(((scores > t) == y).mean() for t in cuts))


def verdict_mark(correct):
    """A tick for a right verdict, a cross for a wrong one (DejaVu Sans has both glyphs)."""
    return "\u2713 right" if correct else "\u2717 wrong"


# ---------------------------------------------------------------------------------- the data

def near_miss_light_pixel(X, y):
    """The light top pixel of the first not-stairs picture in X (n, 4) that would be stairs if that pixel
    were white: the other three pixels dark, the light one in 11..60. ValueError if there is none."""
    dark = X >= datasets.STAIRS_DARK[0]
    for pixels, label, d in zip(X, y, dark):
        for light, other in ((1, 0), (0, 1)):  # rises left (x2 light) or right (x1 light)
            if label == 0 and d[other] and d[2] and d[3] and datasets.STAIRS_LIGHT[1] < pixels[light] <= 60:
                return int(pixels[light])
    raise ValueError("no near-miss picture among the samples: pick another k or seed")


@figure("stairs/stairs-samples", kind="png", seed=0,
        caption="The first {k} of the {n} pictures, with their pixel values, read as the key says (x1 x2 on "
                "top, x3 x4 below): {k_stairs} of these {k} are staircases and {k_other} are not (over all {n}, "
                "half and half). A staircase has a dark bottom row and one dark top pixel (dark: {dark_lo} to "
                "255) beside a white one (0 to {light_hi}); the other pictures are four random greys. A grey that "
                "looks almost white is not white: the picture whose light top pixel is {near_white} is not stairs.",
        alt="A grid of 24 two-by-two pixel pictures in three rows, each pixel with its value written on it, each "
            "picture labelled stairs or not stairs. The stairs pictures have a dark bottom row and exactly one "
            "dark top pixel next to a white one; the others are random greys.")
def stairs_samples(ctx):
    # data
    X, y, _, _ = stairs_data()
    k = 24
    ctx.fact("k", k)
    ctx.fact("n", len(X))
    ctx.fact("n_stairs", int(y.sum()))
    ctx.fact("dark_lo", datasets.STAIRS_DARK[0])
    ctx.fact("light_hi", datasets.STAIRS_LIGHT[1])
    ctx.fact("near_white", near_miss_light_pixel(X[:k], y[:k]))
    ctx.fact("k_stairs", int(y[:k].sum()))
    ctx.fact("k_other", int(k - y[:k].sum()))

    # draw: a grid of pictures with their values, label coloured by class
    th = ctx.theme
    fig, ax = ctx.subplots(height=330, narrow_height=600)  # on a phone: 4 pictures a row
    images.image_grid(ax, th, X[:k], ncols=ctx.pick(8, 4), gap=0.3, labels=[CLASS_NAMES[c] for c in y[:k]],
                      label_colors=[th.classes[c] for c in y[:k]], fontsize=12, values=True)
    fig.suptitle(ctx.pick("each picture:  $x_1$ $x_2$ on top,  $x_3$ $x_4$ below  (0 white … 255 black)",
                          "each picture:  $x_1$ $x_2$ on top,  $x_3$ $x_4$ below\n(0 white … 255 black)"), fontsize=12,
                 color=th.muted)
    return fig


# ---------------------------------------------------------------------------------- the perceptron

@figure("stairs/perceptron-scores", kind="png", seed=0,
        caption="The article's linear perceptron scores each picture; a score above 0 means \"stairs\". Top: the "
                "six pictures the article lists, their true label, score and verdict (\u2717 marks a wrong one). "
                "Bottom: the scores of our {n} pictures by class. The two piles overlap, and the perceptron is "
                "right on only {accuracy} of them.",
        alt="Top: a row of six two-by-two pictures with their pixel values, three stairs and three not, each with "
            "its score and a tick or a cross. Bottom: two overlapping histograms of scores, stairs mostly above "
            "zero, not-stairs spread on both sides of the zero line.")
def perceptron_scores(ctx):
    # data and model: the seed's fixed weights on every picture, and on the article's six
    X, y, _, _ = stairs_data()
    scores = linear_score(X)
    right = (scores > 0) == (y == 1)
    ctx.fact("accuracy", right.mean(), "{:.0%}")
    ctx.fact("n", len(X))
    ctx.fact("stairs_right", right[y == 1].mean(), "{:.0%}")
    ctx.fact("other_right", right[y == 0].mean(), "{:.0%}")
    # the best any threshold on this score can do: try a cut between every pair of neighbouring scores
    ctx.fact("best_threshold_accuracy", best_threshold_accuracy(scores, y), "{:.0%}")
    shown = linear_score(ARTICLE_PICTURES)
    shown_right = (shown > 0) == (ARTICLE_LABELS == 1)
    ctx.fact("article_right", int(shown_right.sum()))

    # draw: the six pictures with scores on top, the two score histograms below
    th = ctx.theme
    fig = ctx.figure(height=520, narrow_height=640)  # on a phone: the six pictures in two rows
    top, bottom = fig.subplots(2, 1, height_ratios=ctx.pick([1.0, 1.55], [1.5, 1.0]))
    labels = [f"{CLASS_NAMES[c]}\nscore {v:+.2f}\n{verdict_mark(ok)}".replace("-", "\u2212")
              for c, v, ok in zip(ARTICLE_LABELS, shown, shown_right)]
    images.image_grid(top, th, ARTICLE_PICTURES, ncols=ctx.pick(len(ARTICLE_PICTURES), 3), gap=0.75, labels=labels,
                      label_gap=0.8, label_colors=[th.classes[c] for c in ARTICLE_LABELS], values=True, fontsize=12)

    curves.class_histograms(bottom, th, scores, y, bins=40, range=(scores.min() - 0.05, scores.max() + 0.05),
                            labels=CLASS_NAMES)
    bottom.axvline(0, color=th.fg, linewidth=1.2, linestyle="--")
    bottom.text(0.01, 0.97, "score > 0: \"stairs\"", transform=bottom.get_xaxis_transform(), ha="left",
                va="top", fontsize=12, color=th.fg)
    bottom.set_xlabel("perceptron score  w \u00b7 x + b")
    bottom.set_ylabel("pictures")
    bottom.legend(loc="upper left", fontsize=12)
    return fig


# ---------------------------------------------------------------------------------- case A / B

@figure("stairs/case-a-b", kind="png", seed=0,
        caption="Darken pixel x3 by 60, twice. The linear perceptron's score rises by {linear_a} both "
                "times. With a sigmoid, the probability of stairs jumps by {sigmoid_a} in case A, which completes "
                "a staircase, but only {sigmoid_b} in case B, which darkens one that is already there.",
        alt="Two panels. Left: the linear perceptron's score as a straight line against pixel x3, with two "
            "equal rises marked case A and case B. Right: the sigmoid model's probability against x3, an "
            "S-curve that rises steeply during case A and is flat during case B. Below, the three pictures "
            "with x3 = 90 (not stairs), 150 and 210 (stairs), each with both models' verdicts marked right "
            "or wrong: at x3 = 90 the perceptron's positive score calls it stairs, wrongly.")
def case_a_b(ctx):
    # data: one picture with x3 swept over its range; case A is x3 90 -> 150, case B is 150 -> 210
    X, y, _, _ = stairs_data()
    x3 = np.linspace(0, 255, 511)
    sweep = np.repeat(CASE_START[None, :], len(x3), axis=0)
    sweep[:, 2] = x3
    stops = np.repeat(CASE_START[None, :], 3, axis=0)
    stops[:, 2] += [0, CASE_STEP, 2 * CASE_STEP]

    # models: the two fixed models of the page
    score, prob = linear_score(stops), logistic_prob(stops)
    ctx.fact("linear_a", score[1] - score[0], "{:+.2f}")
    ctx.fact("linear_start", score[0], "{:+.2f}")  # above 0 already: the perceptron calls the start stairs
    ctx.fact("linear_b", score[2] - score[1], "{:+.2f}")
    ctx.fact("sigmoid_a", prob[1] - prob[0], "{:+.3f}")
    ctx.fact("sigmoid_b", prob[2] - prob[1], "{:+.3f}")
    ctx.fact("p_start", prob[0], "{:.3f}")
    ctx.fact("p_a", prob[1], "{:.3f}")
    ctx.fact("p_b", prob[2], "{:.3f}")
    article_end_a = ARTICLE_CASE_START + [0, 0, CASE_STEP, 0]
    ctx.fact("article_p_a", logistic_prob(article_end_a[None, :])[0], "{:.3f}")
    ctx.fact("logistic_accuracy", ((logistic_prob(X) > 0.5) == (y == 1)).mean(), "{:.1%}")

    # draw: two curves over x3, the rises as arrows, the three pictures beneath
    th = ctx.theme
    case_colors = (th.series[0], th.series[1])  # cases are not classes: series colours
    fig = ctx.figure(height=470, narrow_height=720)
    if ctx.narrow:  # on a phone the two curves one above the other, the pictures below
        grid = fig.add_gridspec(3, 1, height_ratios=[2.6, 2.6, 1.5])
        panels = [fig.add_subplot(grid[0]), fig.add_subplot(grid[1])]
    else:
        grid = fig.add_gridspec(2, 2, height_ratios=[3.0, 1.25])
        panels = [fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])]
    start = CASE_START[2]
    for ax, curve, marks, title, ylabel, fmt in (
            (panels[0], linear_score(sweep), score, "linear perceptron", "score  $\\hat y = w\\cdot x + b$", "{:+.2f}"),
            (panels[1], logistic_prob(sweep), prob, "perceptron + sigmoid", "probability of stairs", "{:+.3f}")):
        ax.plot(x3, curve, color=th.fg, linewidth=1.6)
        for k, name in enumerate("AB"):
            color = case_colors[k]
            x0, x1, y0, y1 = start + CASE_STEP * k, start + CASE_STEP * (k + 1), marks[k], marks[k + 1]
            small = abs(y1 - y0) < 0.1 * (curve.max() - curve.min())  # a tiny rise: label below it
            if small:  # an arrow head would be taller than the rise and seem to point down: a plain tick
                ax.plot([x1, x1], [y0, y1], color=color, linewidth=2)
            else:
                ax.annotate("", (x1, y1), (x1, y0), arrowprops=dict(arrowstyle="-|>", color=color, lw=2))
            ax.plot([x0, x1], [y0, y0], ":", color=color, linewidth=1.4)
            ax.plot([x0], [y0], "o", color=color, markersize=6)
            ax.text(x1 + 4, y1 - 0.08 if small else (y0 + y1) / 2,
                    f"case {name}\n{fmt.format(y1 - y0)}".replace("-", "\u2212"),
                    color=color, va="top" if small else "center", ha="left", fontsize=12)
        ax.plot([start + 2 * CASE_STEP], [marks[2]], "o", color=case_colors[1], markersize=6)
        ax.set_xlabel("pixel x3 (0 white, 255 black)")
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.set_xticks([0, 90, 150, 210, 255])
        ax.set_xlim(0, 262)
        ax.grid(True, alpha=0.5)
    panels[1].set_ylim(-0.05, 1.08)

    strip = fig.add_subplot(grid[2] if ctx.narrow else grid[1, :])
    verdicts = ["stairs" if datasets.is_stairs(stops[k:k + 1])[0] else "not stairs" for k in range(3)]
    def says(name, verdict, k):  # each model's verdict on picture k, marked right or wrong by the rule
        right = verdict_mark(verdict == verdicts[k])
        return f"{name} {right[0]}" if ctx.narrow else f"{name}: {verdict} {right[0]}"  # a phone: the mark only
    linear_says = ["stairs" if v > 0 else "not stairs" for v in score]  # the perceptron's cut: score > 0
    sigmoid_says = ["stairs" if p > 0.5 else "not stairs" for p in prob]
    images.image_grid(strip, th, stops, ncols=3, gap=ctx.pick(2.6, 1.2), values=True, fontsize=12,
                      label_gap=ctx.pick(0.42, 0.8),
                      labels=[f"x3 = {stops[k, 2]:.0f}:{ctx.pick(' ', chr(10))}{verdicts[k]}"
                              f"\n{says('perceptron', linear_says[k], k)}\n{says('sigmoid', sigmoid_says[k], k)}"
                              for k in range(3)],
                      label_colors=[th.classes[int(v == "stairs")] for v in verdicts])
    return fig


# ---------------------------------------------------------------------------------- detectors, by hand

# Why not one neuron per staircase? No single neuron can demand three dark pixels at once on this data:
# the three pictures below (one white pixel each, not stairs) average to a dark picture that is stairs,
# and a weighted sum at their average is the average of their sums, so a neuron that fires on the
# average fires on at least one of them. (Pixels of the pictures: x1 dark, x2 white, then x3 and x4.)
NOT_STAIRS_AVERAGING_TO_STAIRS = np.array([[255, 0, 255, 0], [255, 0, 0, 255], [0, 0, 255, 255]], dtype=float)

# The article's second recipe, on pixels scaled to 0..1 (dark >= 150/255 = 0.59, white <= 10/255 = 0.04):
#   "top-left dark, top-right white":  30 x1 - 100 x2 - 8;   "top-left white, top-right dark": the mirror;
#   "bottom row dark":                 50 (x3 + x4) - 55 > 0 only when both bottom pixels are dark
#                                      (two dark pixels sum to >= 1.18, one white and one black to <= 1.04).
# The output fires when the bottom row is dark AND one of the top detectors fires (both cannot): each
# vote is +10 and the bias -15 needs two of them. The bottom-row detector comes last (the article lists it
# first), so in the diagram it sits beside x3 and x4 and its edges cross no others (review B-L4); the
# order is then also the trained net's (stairs_training.py: neurons 1 and 2 the top pixels, 3 the bottom row).
DETECTOR_NAMES = ("top-left dark,\ntop-right white", "top-left white,\ntop-right dark", "bottom row dark")
DETECTOR_TAGS = ("x1 dark, x2 white", "x1 white, x2 dark", "bottom dark")  # short, for the diagram
DETECTOR_W = np.array([[30.0, -100.0, 0.0],
                       [-100.0, 30.0, 0.0],
                       [0.0, 0.0, 50.0],
                       [0.0, 0.0, 50.0]])  # (pixels, detectors)
DETECTOR_B = np.array([-8.0, -8.0, -55.0])
OUTPUT_W, OUTPUT_B = np.array([[10.0], [10.0], [10.0]]), np.array([-15.0])
PATTERN_RANGES = {"white": np.array(datasets.STAIRS_LIGHT, dtype=float),
                  "dark": np.array(datasets.STAIRS_DARK, dtype=float)}


def detector_net():
    """The 4-3-1 sigmoid net wired by hand from three detectors (weights above); inputs are pixels / 255."""
    net = MLP([4, 3, 1], activation="sigmoid", output="sigmoid")
    return net.set_weights([(DETECTOR_W, DETECTOR_B), (OUTPUT_W, OUTPUT_B)])


def pixel_patterns():
    """Every pattern of white and dark pixels: 16 tuples of "white"/"dark" for x1..x4, x1 changing slowest."""
    return list(itertools.product(("white", "dark"), repeat=4))


def output_bounds(net, pattern):
    """(lowest, highest) output of a 4-h-1 sigmoid `net` over ALL pictures of `pattern` (each pixel anywhere
    in its range: white 0..10, dark 150..255; inputs / 255).

    Exact interval arithmetic, a proof rather than a sample: each hidden pre-activation is linear in the
    pixels, so its extremes over the box are reached by taking each pixel at the end of its range that its
    weight favours; the sigmoids are increasing; the output's pre-activation is linear in the hidden
    outputs, so its extremes take each hidden output at the end its weight favours.
    """
    (W1, b1), (W2, b2) = net.weights
    lo = np.array([PATTERN_RANGES[p][0] for p in pattern]) / 255
    hi = np.array([PATTERN_RANGES[p][1] for p in pattern]) / 255
    z_lo = b1 + np.minimum(W1 * lo[:, None], W1 * hi[:, None]).sum(axis=0)
    z_hi = b1 + np.maximum(W1 * lo[:, None], W1 * hi[:, None]).sum(axis=0)
    h_lo, h_hi = sigmoid(z_lo), sigmoid(z_hi)
    w = W2[:, 0]
    out_lo = b2[0] + np.minimum(w * h_lo, w * h_hi).sum()
    out_hi = b2[0] + np.maximum(w * h_lo, w * h_hi).sum()
    low, high = sigmoid(np.array([out_lo, out_hi]))
    return float(low), float(high)


def pattern_key(pattern):
    """A fact name for a pattern: "tt_" and one letter per pixel, w(hite) or d(ark), e.g. tt_dwdd."""
    return "tt_" + "".join(p[0] for p in pattern)


def pattern_is_stairs(pattern):
    """True for the two staircases among the white/dark patterns (the data set's rule)."""
    example = np.array([[PATTERN_RANGES[p][0] for p in pattern]])
    return bool(datasets.is_stairs(example)[0])


@figure("stairs/mlp-detectors", kind="svg", seed=0,
        caption="A two-layer net wired by hand. Three hidden neurons look at pairs of pixels: is the top-left dark "
                "and the top-right white; the mirror image; or is the bottom row dark. The output fires only "
                "when the bottom-row detector and one of the top detectors both fire, so it needs all four "
                "pixels. Edges are orange for a positive weight and blue for a negative one, thicker for a larger one. "
                "Bottom: each detector's weights on the 2x2 grid (pixels divided by 255). Over every "
                "picture whose pixels are dark ({dark_lo} to 255) or white (0 to {light_hi}), it fires exactly on "
                "the staircases; on our {n} pictures it is right {accuracy} of the time.",
        alt="Top: a network diagram with four pixel inputs, three hidden neurons noted top-left dark "
            "top-right white, top-left white top-right dark, and bottom row dark, and one output noted stairs?; "
            "edges orange for positive and blue for negative weights. Bottom: three 2x2 grids of numbers, the "
            "weights of each detector with its bias, and the output's weights.")
def mlp_detectors(ctx):
    # data and model: the hand-wired net, its truth table over every white/dark pattern, its accuracy
    X, y, _, _ = stairs_data()
    net = detector_net()
    ctx.fact("accuracy", net.accuracy(X / 255, y), "{:.1%}")
    says_stairs = net.predict(X / 255) == 1
    ctx.fact("false_alarms", int(np.sum(says_stairs & (y == 0))))  # not stairs, called stairs
    ctx.fact("misses", int(np.sum(~says_stairs & (y == 1))))  # stairs, called not stairs
    ctx.fact("n", len(X))
    ctx.fact("dark_lo", datasets.STAIRS_DARK[0])
    ctx.fact("light_hi", datasets.STAIRS_LIGHT[1])
    bounds = {pattern: output_bounds(net, pattern) for pattern in pixel_patterns()}
    for pattern, (lo, hi) in bounds.items():
        ctx.fact(pattern_key(pattern), f"{lo:.3f}\u2013{hi:.3f}")
    stairs_patterns = [p for p in bounds if pattern_is_stairs(p)]
    ctx.fact("patterns", len(bounds))
    ctx.fact("firing", sum(bounds[p][0] > 0.5 for p in bounds))
    ctx.fact("stairs_lowest", min(bounds[p][0] for p in stairs_patterns), "{:.3f}")
    ctx.fact("other_highest", max(bounds[p][1] for p in bounds if p not in stairs_patterns), "{:.3f}")
    single = NOT_STAIRS_AVERAGING_TO_STAIRS
    ctx.fact("average", "[" + ", ".join(f"{v:.0f}" for v in single.mean(axis=0)) + "]")

    # draw: the diagram on top, the detectors' weights as pictures below
    th = ctx.theme
    fig = ctx.figure(height=560, narrow_height=500)
    top, bottom = fig.subplots(2, 1, height_ratios=[1.25, 1.0])
    diagram = diagrams.draw_network(top, net, th, show_activation=True, activation="sigmoid",
                          labels=[["$x_1$", "$x_2$", "$x_3$", "$x_4$"], False, False],
                          layer_labels=["pixels / 255", "detectors", "output"],
                          notes={(1, j): f"{j + 1}: {tag}" for j, tag in enumerate(DETECTOR_TAGS)} | {(2, 0): f"stairs?\nbias {OUTPUT_B[0]:+.0f}".replace("-", "\u2212")},
                          fontsize=12, spacing=ctx.pick((3.4, 1.3), (2.6, 1.3)))
    for j in range(3):  # the notes sit among the edges: a background patch keeps them readable
        diagram.nodes[(1, j)].note.set_bbox(dict(facecolor=th.bg, edgecolor="none", pad=1.0))
    images.weight_row(bottom, th, DETECTOR_W, [f"{j + 1}: {name}" for j, name in enumerate(DETECTOR_NAMES)],
                      [(f"bias {b:+.0f}\noutput vote {w:+.0f}" if ctx.slides or ctx.narrow  # shorter: less room
                        else f"bias {b:+.0f}\nvote at the output {w:+.0f}").replace("-", "\u2212")
                       for b, w in zip(DETECTOR_B, OUTPUT_W[:, 0])],
                      spacing=1.7, pad=0.35, ylim=(-0.75, 1.6), fmt="{:+.0f}")
    return fig
