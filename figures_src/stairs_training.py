"""The stairs classifier, part 2: nets that learn to spot stairs by gradient descent.

What the reader sees:
- stairs-training: mini-batch gradient descent with and without momentum, loss and accuracy on one clock;
- hidden-weights: what a trained net's hidden neurons look for, each neuron's weights as a 2x2 picture;
- softmax-classes: a multi-class version with softmax outputs.

Pictures are four pixels x1 x2 (top row) and x3 x4 (bottom row), 0 = white .. 255 = black;
they are the same pictures as in stairs.py (part 1), from _stairs_pictures.py.
"""
from __future__ import annotations

import functools

import numpy as np
from matplotlib.patches import Patch

from nnviz.build import figure
from nnviz.engine import MLP, SGD
from nnviz.render import Animation
from nnviz.render.animate import paced_fps
from nnviz.render.plots import curves, descent, images

from _stairs_pictures import N_PICTURES, stairs_data



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
                   epochs=TRAINING["epochs"], batch_size=TRAINING["batch_size"], record_every=1,
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
    ctx.fact("steps_per_epoch", -(-N_PICTURES // TRAINING["batch_size"]))  # the last batch is smaller
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
    fig, (ax_loss, ax_acc) = ctx.subplots(1, 2, height=360)
    clock = fig.suptitle(f"epoch {epochs} of {epochs}", fontsize=12, color=th.muted)
    lines = []
    for k, (name, (net, hist, test_acc)) in enumerate(runs.items()):
        label = "plain" if name == "plain" else f"momentum {MOMENTUM}"
        color = th.series[k]  # runs are not classes: series colours
        lines.append(curves.training_curve(ax_loss, th, hist.loss, color=color, label=label))
        lines.append(curves.training_curve(ax_acc, th, test_acc, color=color, label=label))
    ax_loss.set_yscale("log")
    ax_loss.set_yticks([0.03, 0.05, 0.1, 0.2, 0.5])
    ax_loss.yaxis.set_major_formatter(lambda v, _: f"{v:g}")
    ax_loss.yaxis.set_minor_formatter(lambda v, _: "")
    ax_loss.set_xlabel("epoch")
    ax_loss.set_ylabel("training loss (cross-entropy)")
    ax_loss.set_title("loss on the 500 training pictures")
    ax_acc.axhline(0.95, color=th.muted, linewidth=1, linestyle=":")
    ax_acc.annotate("95%", (0.0, 0.95), xycoords=("axes fraction", "data"), xytext=(4, 3),
                    textcoords="offset points", ha="left", va="bottom", fontsize=12, color=th.muted)
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

    return Animation(fig, update, frames=frames, fps=paced_fps(frames), hold_first=1.5, hold_last=2.5,
                     labels=[f"epoch {round((i + 1) * epochs / frames)}" for i in range(frames)], clock="epoch")


@figure("stairs/hidden-weights", kind="png", seed=0,
        caption="What the trained net's {hidden} hidden neurons look for: each neuron's four input weights "
                "drawn on the 2x2 grid (orange: darkening this pixel excites the neuron, blue: it inhibits it; "
                "the stronger the colour, the larger the weight), with its bias and the weight of its vote at the "
                "output.",
        alt="Three 2x2 grids of coloured, numbered cells, one per hidden neuron, each with its bias and its "
            "output weight written below. Neuron 1 has a strong negative weight on the top-right pixel, neuron 2 "
            "on the top-left pixel, neuron 3 on both bottom pixels.")
def hidden_weights(ctx):
    # model: the net trained with momentum (the same run as in stairs-training)
    net, _, _ = train_stairs(MOMENTUM)
    (W1, b1), (W2, b2) = net.weights
    ctx.fact("hidden", HIDDEN)
    for j in range(HIDDEN):
        for i in range(4):
            ctx.fact(f"w{j + 1}_x{i + 1}", W1[i, j], "{:+.1f}")
        ctx.fact(f"out_{j + 1}", W2[j, 0], "{:+.1f}")
        ctx.fact(f"bias_{j + 1}", b1[j], "{:+.1f}")
    ctx.fact("out_bias", b2[0], "{:+.1f}")

    # draw: one weight picture per hidden neuron
    th = ctx.theme
    fig, ax = ctx.subplots(height=280)
    # on a phone shorter titles and closer pictures, so each cell is wide enough for its number
    images.weight_row(ax, th, W1, [f"{ctx.pick('hidden neuron', 'neuron')} {j + 1}" for j in range(HIDDEN)],
                      [f"bias {b1[j]:+.1f}\n{ctx.pick('vote at the output', 'vote')} {W2[j, 0]:+.1f}"
                       .replace("-", "\u2212")
                       for j in range(HIDDEN)], spacing=ctx.pick(1.6, 1.25))
    return fig


EMERGING = (0, 10, 30, 300)  # the epochs shown by detectors-emerging


@figure("stairs/detectors-emerging", kind="png", seed=0,
        caption="The detectors of the figure above emerging while the net trains (the run with momentum): each "
                "hidden neuron's four input weights on the 2x2 grid at epochs {epochs_shown}, all on one colour "
                "scale (orange: darkening the pixel excites the neuron, blue: inhibits it). At the start they are "
                "small random numbers and the net is right on {acc_0} of new pictures. By epoch {e1} ({acc_1}) "
                "neuron 3 already watches the bottom row; by epoch {e2} ({acc_2}) all three show the trained "
                "net's pattern (neuron 1 the top-right pixel, neuron 2 the top-left one, neuron 3 the bottom row), "
                "and the last {e_rest} epochs mostly make the weights larger ({acc_3}).",
        alt="Four rows of three 2x2 grids of coloured, numbered cells, one row per epoch: nearly white grids "
            "with small numbers at epoch 0, then grids whose colours grow stronger, ending in the trained "
            "net's pattern at epoch 300.")
def detectors_emerging(ctx):
    net, hist, test_acc = train_stairs(MOMENTUM)
    _, _, X_test, y_test = stairs_data()

    def acc(e):
        """Accuracy on the new pictures after epoch e (0: the starting weights)."""
        if e:
            return float(test_acc[e - 1])
        start = MLP([4, HIDDEN, 1], activation="sigmoid", output="sigmoid").set_weights(hist.weights_at(0))
        return start.accuracy(X_test / 255, y_test)

    ctx.fact("epochs_shown", ", ".join(map(str, EMERGING[:-1])) + f" and {EMERGING[-1]}")
    for k, e in enumerate(EMERGING):
        ctx.fact(f"acc_{k}", acc(e), "{:.0%}")
        if 0 < k < 3:
            ctx.fact(f"e{k}", e)
    ctx.fact("e_rest", EMERGING[-1] - EMERGING[-2])
    vmax = max(float(np.abs(hist.weights_at(e)[0][0]).max()) for e in EMERGING)

    th = ctx.theme
    fig, axes = ctx.subplots(*ctx.pick((2, 2), (4, 1)), height=380, narrow_height=740)  # on a phone: one a row
    for k, (ax, e) in enumerate(zip(axes.flat, EMERGING)):
        (W1, _), (W2, _) = hist.weights_at(e)
        images.weight_row(ax, th, W1, [f"neuron {j + 1}" for j in range(HIDDEN)],
                          [f"vote {W2[j, 0]:+.1f}".replace("-", "\u2212") for j in range(HIDDEN)], vmax=vmax)
        ax.set_title(f"epoch {e}: {acc(e):.0%} right on new pictures", fontsize=13, pad=14)
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
        caption="Three classes instead of two: not stairs, left stairs (top-left dark) and right stairs (top-right "
                "dark). The net has three outputs and a softmax, so for every picture it gives three probabilities "
                "that add up to 1 (bars), and names the class with the largest. Upper half: the first two new pictures "
                "of each class. Lower half: for each class, the two pictures to which the net gives the lowest "
                "probability of their true class; \u2717 marks a wrong answer. On {n} new pictures it picks the "
                "right class {accuracy} of the time ({wrong} mistakes).",
        alt="Two rows of six two-by-two pictures with their pixel values, each labelled with its true class, and "
            "under each three coloured bars: the probabilities of not stairs, left stairs and right stairs, then the "
            "class the net names with its probability and a tick or a cross. The top row is answered right; in the "
            "bottom row the pictures sit at the edge of the labelling rule and some are answered wrong.")
def softmax_classes(ctx):
    # data and model
    _, _, X_test, y_test = stairs_data(multiclass=True)
    net = train_softmax()
    probs = net.predict_proba(X_test / 255)
    guesses = probs.argmax(axis=1)
    ctx.fact("accuracy", net.accuracy(X_test / 255, y_test), "{:.1%}")
    ctx.fact("n", len(X_test))
    ctx.fact("wrong", int((guesses != y_test).sum()))
    ctx.fact("hidden", SOFTMAX_HIDDEN)

    # pick: per class the first two pictures, and the two with the lowest probability of their true class
    rows = [[], []]
    for c in range(3):
        members = np.flatnonzero(y_test == c)
        rows[0] += [int(i) for i in members[:2]]
        rows[1] += [int(i) for i in members[np.argsort(probs[members, c], kind="stable")[:2]]]
    hardest = rows[1]
    ctx.fact("hardest_wrong", int(sum(guesses[i] != y_test[i] for i in hardest)))

    # draw: each picture with its true class above, the three probability bars and the net's answer below
    th = ctx.theme
    # on a phone each row of six breaks into two rows of three, under shorter titles
    fig, ax = ctx.subplots(height=500, narrow_height=860)
    pitch, row_height, per = 1.75, 3.3, ctx.pick(6, 3)
    titles = ctx.pick(("the first two new pictures of each class", "hardest: the lowest probability of the true class"),
                      ("the first two of each class", "hardest: lowest probability"))
    for r, (title, chosen) in enumerate(zip(titles, rows)):
        top = -r * row_height * (6 // per)
        ax.text(-0.05, top + 0.02, title, ha="left", va="bottom", fontsize=13, color=th.fg)
        for n, i in enumerate(chosen):
            k, line_top = n % per, top - (n // per) * row_height
            x0, y0 = k * pitch, line_top - 1.45
            truth, guess = int(y_test[i]), int(guesses[i])
            ax.text(x0 + 0.5, line_top - 0.12, SOFTMAX_CLASSES[truth], ha="center", va="top", fontsize=12,
                    color=th.classes[truth])
            images.draw_image(ax, th, X_test[i], x0, y0, values=True, fontsize=12)
            images.value_bars(ax, th, probs[i], x0, y0 - 0.78, width=1.0, height=0.66)
            ax.text(x0 + 0.5, y0 - 0.84, SOFTMAX_CLASSES[guess], ha="center", va="top", fontsize=12,
                    color=th.classes[guess])
            mark = "\u2713" if guess == truth else "\u2717 wrong"
            share = probs[i, guess]
            share = f"{share:.1%}" if share < 0.55 else f"{share:.0%}"  # 50.5% is not 50%
            ax.text(x0 + 0.5, y0 - 1.14, f"{share}  {mark}", ha="center", va="top", fontsize=12,
                    color=th.fg)
    ax.set_xlim(-0.1, (per - 1) * pitch + 1.1)
    ax.set_ylim(-row_height * (12 // per - 1) - (3.6 if ctx.slides else 2.9), 0.32)
    ax.set_aspect("equal")
    ax.set_axis_off()
    handles = [Patch(color=th.classes[c]) for c in range(3)]
    labels = [f"P({name})" for name in SOFTMAX_CLASSES]
    if ctx.slides:  # the slide is wider than the page: the legend goes in the room kept under the verdicts
        ax.legend(handles, labels, loc="lower center", ncols=3, fontsize=12, frameon=False, borderaxespad=0)
    else:
        fig.legend(handles, labels, loc=ctx.pick("lower center", "outside lower center"), ncols=ctx.pick(3, 2),
                   fontsize=12, frameon=False)
    return fig
