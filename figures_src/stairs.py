"""The stairs classifier, end to end: tiny 2x2 pictures, and models that learn to spot stairs.

What the reader sees:
- stairs-samples: a grid of the data set's pictures, each labelled "stairs" or "not stairs";
- perceptron-scores: a hand-set linear perceptron scoring pictures, and how its scores split the classes;
- case-a-b: the same +60 darkening of pixel x3 moves a linear score equally from two starting
  pictures, but moves a sigmoid's probability a lot from one and hardly at all from the other;
- mlp-detectors: a two-layer net wired from a "left stairs" and a "right stairs" detector;
- hidden-weights: what a trained net's hidden neurons look for, each neuron's weights as a 2x2 picture;
- softmax-classes: a multi-class version with softmax outputs;
- stairs-training: mini-batch gradient descent with and without momentum, loss and accuracy on one clock;
- local-minima: balls rolling down a bumpy cost: small steps get stuck, big steps never settle,
  momentum rolls over the small bumps.

Pictures are four pixels x1 x2 (top row) and x3 x4 (bottom row), 0 = white .. 255 = black.
"""
from __future__ import annotations

import functools

import numpy as np
from matplotlib.patches import Patch

from nnviz.build import figure
from nnviz.engine import MLP, SGD, datasets
from nnviz.engine.activations import Sigmoid
from nnviz.render import Animation, diagrams
from nnviz.render.plots import curves, descent, images

# The models of the chapter's first part, with the weights the source article gives them.
PERCEPTRON_W = np.array([-0.0019, -0.0016, 0.0020, 0.0023])  # linear score on raw pixels 0..255
PERCEPTRON_B = 0.0003
LOGISTIC_W = np.array([-0.140, -0.145, 0.121, 0.092])  # the same idea wrapped in a sigmoid
LOGISTIC_B = -0.008
CASE_START = np.array([100.0, 0.0, 0.0, 125.0])  # case A starts here; +60 on x3 gives case B's start


# The data: 500 pictures to learn from, 500 fresh ones to test on (same recipe, another seed).
N_PICTURES = 500
CLASS_NAMES = ("not stairs", "stairs")


@functools.cache
def stairs_data(multiclass=False):
    """(X, y, X_test, y_test): pixels 0..255; labels 0/1, or 0 none / 1 left / 2 right with `multiclass`."""
    X, y = datasets.stairs(N_PICTURES, seed=0, multiclass=multiclass)
    X_test, y_test = datasets.stairs(N_PICTURES, seed=1, multiclass=multiclass)
    return X, y, X_test, y_test


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
    return net.set_params([(DETECTOR_W, DETECTOR_B), (OR_W, OR_B)])


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


# ---------------------------------------------------------------------------------- training

HIDDEN = 3
TRAINING = dict(lr=0.5, batch_size=32, epochs=300)
MOMENTUM = 0.9
TRAIN_SEED = 0  # initial weights and batch order: the same for both runs


@functools.cache
def train_stairs(momentum):
    """The 4-3-1 sigmoid net trained by mini-batch gradient descent (binary cross-entropy).

    Returns (net, history, test accuracy after every epoch). Do not modify the returned net.
    """
    X, y, X_test, y_test = stairs_data()
    net = MLP([4, HIDDEN, 1], activation="sigmoid", output="sigmoid", seed=TRAIN_SEED)
    test_acc = []
    hist = net.fit(X / 255, y, loss="bce", optimizer=SGD(lr=TRAINING["lr"], momentum=momentum),
                   epochs=TRAINING["epochs"], batch_size=TRAINING["batch_size"],
                   callback=lambda epoch, n, logs: test_acc.append(n.accuracy(X_test / 255, y_test)))
    return net, hist, np.array(test_acc)


def first_epoch_reaching(acc, level):
    """The first epoch (1-based) whose accuracy is at least `level`, or None."""
    hits = np.flatnonzero(np.asarray(acc) >= level)
    return int(hits[0]) + 1 if hits.size else None


@figure("stairs/stairs-training", kind="anim", seed=0,
        caption="The same 4-{hidden}-1 net trained twice on the {n} pictures, mini-batches of {batch}, step size "
                "{lr}, from the same starting weights: plain gradient descent and with momentum {momentum}. "
                "With momentum the accuracy on {n} new pictures passes 95% at epoch {momentum_95}, without "
                "at epoch {plain_95}; after {epochs} epochs they reach {accuracy} and {plain_accuracy}.",
        alt="Two panels sharing an epoch counter. Left: training loss falling over 300 epochs, the momentum "
            "curve dropping early, the plain curve staying on a plateau much longer. Right: test accuracy, "
            "the momentum curve jumping above 95 percent within a few dozen epochs, the plain one later.")
def stairs_training(ctx):
    # data and model: both runs, cached
    runs = {"plain": train_stairs(0.0), "momentum": train_stairs(MOMENTUM)}
    epochs = TRAINING["epochs"]
    ctx.fact("hidden", HIDDEN)
    ctx.fact("n", N_PICTURES)
    ctx.fact("batch", TRAINING["batch_size"])
    ctx.fact("lr", TRAINING["lr"])
    ctx.fact("momentum", MOMENTUM)
    ctx.fact("epochs", epochs)
    ctx.fact("accuracy", runs["momentum"][2][-1], "{:.1%}")
    ctx.fact("train_accuracy", runs["momentum"][1].accuracy[-1], "{:.1%}")
    ctx.fact("plain_accuracy", runs["plain"][2][-1], "{:.1%}")
    ctx.fact("momentum_95", first_epoch_reaching(runs["momentum"][2], 0.95))
    ctx.fact("plain_95", first_epoch_reaching(runs["plain"][2], 0.95))

    # draw: loss and accuracy, both runs revealed on one clock
    th = ctx.theme
    fig, (ax_loss, ax_acc) = ctx.subplots(1, 2, figsize=(9.6, 4.8))
    clock = fig.suptitle(f"epoch {epochs} of {epochs}", fontsize=11, color=th.muted)
    lines = []
    for k, (name, (net, hist, test_acc)) in enumerate(runs.items()):
        label = "plain" if name == "plain" else f"momentum {MOMENTUM}"
        lines.append(curves.training_curve(ax_loss, th, hist.loss, color=th.classes[k], label=label))
        lines.append(curves.training_curve(ax_acc, th, test_acc, color=th.classes[k], label=label))
    ax_loss.set_yscale("log")
    ax_loss.set_yticks([0.03, 0.05, 0.1, 0.2, 0.5])
    ax_loss.yaxis.set_major_formatter(lambda v, _: f"{v:g}")
    ax_loss.yaxis.set_minor_formatter(lambda v, _: "")
    ax_loss.set_xlabel("epoch")
    ax_loss.set_ylabel("training loss (cross-entropy)")
    ax_loss.set_title("loss on the 500 training pictures")
    ax_acc.axhline(0.95, color=th.muted, linewidth=1, linestyle=":")
    ax_acc.set_ylim(0.5, 1.01)
    ax_acc.set_xlabel("epoch")
    ax_acc.set_ylabel("accuracy")
    ax_acc.set_title("accuracy on 500 new pictures")
    ax_acc.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax_acc.legend(loc="lower right")
    descent.freeze_layout(fig)

    frames = 60
    def update(i):
        epoch = round((i + 1) * epochs / frames)
        for line in lines:
            line.update(epoch - 1)
        clock.set_text(f"epoch {epoch} of {epochs}")

    return Animation(fig, update, frames=frames, fps=10, hold_last=2.5)


@figure("stairs/hidden-weights", kind="png", seed=0,
        caption="What the trained net's {hidden} hidden neurons look for: each neuron's four input weights "
                "drawn on the 2x2 grid (blue: darkening this pixel excites the neuron, red: it inhibits it), "
                "with its bias and the weight of its vote at the output.",
        alt="Three 2x2 grids of coloured, numbered cells, one per hidden neuron, each with its bias and its "
            "output weight written below.")
def hidden_weights(ctx):
    # model: the net trained with momentum (the same run as in stairs-training)
    net, _, _ = train_stairs(MOMENTUM)
    (W1, b1), (W2, b2) = net.params
    ctx.fact("hidden", HIDDEN)
    for j in range(HIDDEN):
        for i in range(4):
            ctx.fact(f"w{j + 1}_x{i + 1}", W1[i, j], "{:+.1f}")
        ctx.fact(f"out_{j + 1}", W2[j, 0], "{:+.1f}")
        ctx.fact(f"bias_{j + 1}", b1[j], "{:+.1f}")
    ctx.fact("out_bias", b2[0], "{:+.1f}")

    # draw: one weight picture per hidden neuron
    th = ctx.theme
    fig, ax = ctx.subplots(figsize=(8.0, 3.4))
    images.weight_row(ax, th, W1, [f"hidden neuron {j + 1}" for j in range(HIDDEN)],
                      [f"bias {b1[j]:+.1f}\nvote at the output {W2[j, 0]:+.1f}" for j in range(HIDDEN)])
    return fig


# ---------------------------------------------------------------------------------- softmax

SOFTMAX_HIDDEN = 4
SOFTMAX_CLASSES = ("not stairs", "left stairs", "right stairs")


@functools.cache
def train_softmax():
    """A 4-4-3 net with a softmax output, trained on the three-class labels (cross-entropy, momentum)."""
    X, y, _, _ = stairs_data(multiclass=True)
    net = MLP([4, SOFTMAX_HIDDEN, 3], activation="sigmoid", output="softmax", seed=TRAIN_SEED)
    net.fit(X / 255, y, loss="ce", optimizer=SGD(lr=TRAINING["lr"], momentum=MOMENTUM),
            epochs=TRAINING["epochs"], batch_size=TRAINING["batch_size"])
    return net


@figure("stairs/softmax-classes", kind="png", seed=0,
        caption="Three classes instead of two: not stairs, stairs rising to the left (top-left dark), stairs "
                "rising to the right. The net has three outputs and a softmax, so for every picture it gives "
                "three probabilities that add up to 1 (bars). The third picture of each class is the one the "
                "net is least sure about. On {n} new pictures it picks the right class {accuracy} of the time.",
        alt="A row of tiny test pictures, each labelled with its true class, and under each three coloured "
            "bars: the probabilities of not stairs, left stairs and right stairs; the tallest bar usually matches "
            "the label.")
def softmax_classes(ctx):
    # data and model
    _, _, X_test, y_test = stairs_data(multiclass=True)
    net = train_softmax()
    probs = net.predict_proba(X_test / 255)
    ctx.fact("accuracy", net.accuracy(X_test / 255, y_test), "{:.1%}")
    ctx.fact("n", len(X_test))
    ctx.fact("hidden", SOFTMAX_HIDDEN)

    # draw: pictures of each class, three probability bars under each
    th = ctx.theme
    chosen = []
    for c in range(3):  # per class: two typical pictures, then the one the net is least sure about
        members = np.flatnonzero(y_test == c)
        chosen += [int(i) for i in members[:2]] + [int(members[np.argmin(probs[members, c])])]
    fig, ax = ctx.subplots(figsize=(9.6, 3.6))
    corners = images.image_grid(ax, th, X_test[chosen], ncols=len(chosen), gap=0.55,
                                labels=[SOFTMAX_CLASSES[y_test[i]].replace(" ", "\n") for i in chosen],
                                label_gap=0.55, label_colors=[th.classes[y_test[i]] for i in chosen], fontsize=9,
                                values=True)
    base = -1.9
    for (x0, _), i in zip(corners, chosen):
        images.value_bars(ax, th, probs[i], x0, base, width=1.0, height=1.1)
        guess = int(np.argmax(probs[i]))
        ax.text(x0 + 0.5, base - 0.06, f"says {SOFTMAX_CLASSES[guess].split()[0]}\n{probs[i, guess]:.0%}",
                ha="center", va="top", fontsize=8, color=th.classes[guess])
    ax.set_ylim(base - 0.6, 1.15)
    handles = [Patch(color=th.classes[c]) for c in range(3)]
    ax.legend(handles, [f"P({name})" for name in SOFTMAX_CLASSES], loc="lower center", ncols=3, fontsize=9,
              bbox_to_anchor=(0.5, -0.12), frameon=False)
    return fig


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
                "stops in the nearest dip ({small} of 5 reach the lowest valley); with large steps they keep "
                "bouncing and never settle ({large} of 5); with momentum they roll over the small bumps "
                "({momentum} of 5).",
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
    fig, axes = ctx.subplots(1, 3, figsize=(11.2, 4.0), sharey=True)
    balls, verdicts = [], []
    for ax, (title, lr, momentum) in zip(axes, RUNS):
        descent.cost_curve(ax, th, w, cost, minima=minima, legend=ax is axes[0])
        sub = f"step size {lr}" + (f", momentum {momentum}" if momentum else "")
        ax.set_title(f"{title}\n{sub}", fontsize=11)
        ax.set_xlabel("parameter w")
        for k, path in enumerate(runs[title]):
            # shrinking sizes: balls resting in the same dip show as rings, none hidden
            balls.append(descent.ball_trace(ax, th, path, bumpy_cost, color=th.classes[k], size=14 - 2 * k))
        verdicts.append(ax.text(0.5, 0.97, "", transform=ax.transAxes, ha="center", va="top",
                                fontsize=10, color=th.fg))
    axes[0].set_ylabel("cost")
    clock = fig.suptitle(f"step {MINIMA_STEPS} of {MINIMA_STEPS}", fontsize=11, color=th.muted)
    descent.freeze_layout(fig)

    def update(i):
        for ball in balls:
            ball.update(i)
        clock.set_text(f"step {min(i, MINIMA_STEPS)} of {MINIMA_STEPS}")
        for text, (title, _, _) in zip(verdicts, RUNS):
            note = f"\n{bouncing[title]} still bouncing" if bouncing[title] else ""
            text.set_text(f"{reached[title]} of {len(STARTS)} settled in the lowest valley{note}"
                          if i >= MINIMA_STEPS else "")

    return Animation(fig, update, frames=MINIMA_STEPS + 1, fps=12, hold_last=2.5)
