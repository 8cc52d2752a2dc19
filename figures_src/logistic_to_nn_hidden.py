"""From logistic regression to neural networks, part 2: networks with hidden neurons.

Real networks with 0, 1, 2, 12 and 50 hidden neurons learn the parabola data of part 1
(logistic_to_nn.py) themselves: their boundaries, every hidden neuron's output over the
plane, and two animations of training (one net inside, five side by side).
"""
import functools

import numpy as np

from nnviz.build import figure
from nnviz.engine import MLP, SGD
from nnviz.render import Animation
from nnviz.render.animate import freeze_layout, paced_fps
from nnviz.render.plots import curves, fields

from _logistic_to_nn_data import BATCH, EPOCHS, LR, PLANE, TRAIN_SEED, data

HIDDEN = (0, 1, 2, 12, 50)
# hidden maps figures: (rows, cols) of neuron maps and the figure's height in CSS px; with 50
# neurons only the strongest SHOWN_OF_50 are drawn, so each map stays large enough to read
MAP_LAYOUT = {1: (1, 1, 300), 2: (1, 2, 300), 12: (3, 4, 330), 50: (2, 5, 300)}
SHOWN_OF_50 = 10
FLAT = 0.1  # a hidden map is "flat" when its output varies over the plane by a standard deviation below this


# ---------------------------------------------------------------- data and training


@functools.cache
def trained(name, hidden, seed=0):
    """A net [2, hidden, 1] (no hidden layer when hidden = 0), tanh hidden, sigmoid output,
    trained with the chapter's settings; returns (net, history) with a snapshot every epoch."""
    X, y = data(name, seed)
    sizes = [X.shape[1], hidden, 1] if hidden else [X.shape[1], 1]
    net = MLP(sizes, activation="tanh", output="sigmoid", seed=TRAIN_SEED)
    hist = net.fit(X, y, loss="bce", optimizer=SGD(lr=LR), epochs=EPOCHS,
                   batch_size=BATCH, record_every=1)
    return net, hist


def per_epoch(hist, what):
    """"loss" or "accuracy" at epochs 0, 1, ..., EPOCHS (epoch 0: before any training)."""
    return np.array([getattr(hist, f"initial_{what}"), *getattr(hist, what)])


def hidden_outputs(net, points):
    """Every hidden neuron's output at `points`: (n_points, n_hidden)."""
    return net.forward(points, return_all=True)[1]


def key_frame(epochs, epoch, seconds=2.0):
    """Hold the first shown epoch at or after `epoch` (the one the page talks about): {frame: seconds}."""
    return {int(min(np.searchsorted(epochs, epoch), len(epochs) - 1)): seconds}


def anim_epochs(n=60):
    """Epochs shown by the training animations: dense at the start, where most changes happen."""
    return np.unique(np.round(np.geomspace(1, EPOCHS + 1, n)).astype(int)) - 1


# ---------------------------------------------------------------- networks with hidden neurons


def _boundary_alt(h):
    return f"The parabola data with the decision boundary of a network with {h} hidden neurons."


@figure("logistic-to-nn/hidden-0", kind="png", hidden=0, alt=_boundary_alt(0),
        caption="No hidden layer: the network is logistic regression and draws a straight line "
                "({accuracy} correct).")
@figure("logistic-to-nn/hidden-1", kind="png", hidden=1, alt=_boundary_alt(1),
        caption="One hidden neuron: a single soft step through the plane, so still one straight border "
                "({accuracy} correct).")
@figure("logistic-to-nn/hidden-2", kind="png", hidden=2, alt=_boundary_alt(2),
        caption="Two hidden neurons: two straight borders, one along each arm of the parabola, joined "
                "into a V ({accuracy} correct).")
@figure("logistic-to-nn/hidden-12", kind="png", hidden=12, alt=_boundary_alt(12),
        caption="12 hidden neurons: the corner of the V is rounded off into a curve ({accuracy} correct).")
@figure("logistic-to-nn/hidden-50", kind="png", hidden=50, alt=_boundary_alt(50),
        caption="50 hidden neurons: much the same curve as with 12 ({accuracy} correct).")
def hidden_boundary(ctx):
    h = ctx.params["hidden"]
    X, y = data("parabola", ctx.seed)
    net, hist = trained("parabola", h, seed=ctx.seed)
    ctx.fact("accuracy", net.accuracy(X, y), "{:.1%}")
    ctx.fact("loss", hist.loss[-1], "{:.3f}")
    fig, ax = ctx.subplots(**PLANE)
    fields.decision_map(ax, ctx.theme, net.predict_proba, X, y,
                        title=f"{h} hidden neuron{'s' * (h != 1)}" if h else "no hidden layer")
    return fig


@figure("logistic-to-nn/hidden-grid", kind="png",
        caption="The five networks side by side, all trained the same way for {epochs} epochs. Accuracy "
                "climbs from {acc0} with no hidden layer to {acc50} with 50 hidden neurons (bars, bottom right).",
        alt="Five small decision maps of the parabola data, from a straight boundary to a smooth curve, "
            "and a bar chart of accuracy against the number of hidden neurons.")
def hidden_grid(ctx):
    X, y = data("parabola", ctx.seed)
    grid = fields.plane_grid(X, n=120)
    ctx.fact("epochs", EPOCHS)
    fig, axes = ctx.subplots(*ctx.pick((2, 3), (3, 2)), height=470, narrow_height=640)
    accuracies = []
    for ax, h in zip(axes.flat, HIDDEN):
        net, _ = trained("parabola", h, seed=ctx.seed)
        accuracies.append(net.accuracy(X, y))
        ctx.fact(f"acc{h}", accuracies[-1], "{:.0%}")
        fields.field_panel(ax, ctx.theme, grid, net.predict_proba(grid.points), X, y, point_size=6)
        ax.set_title(f"{h} hidden" if h else "no hidden layer", fontsize=12)
    bars = axes.flat[-1]
    bars.bar([str(h) for h in HIDDEN], accuracies, color=ctx.theme.accent)
    for i, a in enumerate(accuracies):
        bars.text(i, a + 0.01, f"{a:.0%}", ha="center", va="bottom", fontsize=12)
    bars.set_ylim(0.5, 1.06)
    bars.set_xlabel("hidden neurons")
    bars.set_ylabel("accuracy")
    return fig


def _maps_caption(h):
    if h == 1:
        who = "its one hidden neuron"
    elif h <= 12:
        who = f"each of its {h} hidden neurons"
    else:
        who = f"the {SHOWN_OF_50} of its {h} hidden neurons that the output weighs most"
    order = " (largest first)" if h > 1 else ""
    busy = (" Only {active} of all " + str(h) + " contribute much; the others are nearly flat or have tiny "
            "weights.") if h >= 12 else ""
    return ("Left: the network's output. Right: " + who + " over the same plane, orange where it "
            "outputs +1, blue where -1 (the signed-value colours: a neuron's output, not a class); the thin "
            "line is where it changes sign. Above each map: the weight the output neuron gives it" + order
            + "." + busy)


def contributions(net, values):
    """How much each hidden neuron moves the output: |outgoing weight| x spread of its map."""
    return np.abs(net.weights[1][0][:, 0]) * values.std(axis=0)


def _maps_alt(h):
    rows, cols, _ = MAP_LAYOUT[h]
    n = min(h, rows * cols)  # the maps drawn
    split = ("most split by a soft straight border into an orange and a blue side, one or more nearly one "
             "colour all over") if h >= 12 else "each split by a soft straight border into an orange and a blue side"
    return f"A decision map and {n} small square map{'s' * (n > 1)} of hidden neurons, {split}."


@figure("logistic-to-nn/hidden-maps-1", kind="png", hidden=1, caption=_maps_caption(1), alt=_maps_alt(1))
@figure("logistic-to-nn/hidden-maps-2", kind="png", hidden=2, caption=_maps_caption(2), alt=_maps_alt(2))
@figure("logistic-to-nn/hidden-maps-12", kind="png", hidden=12, caption=_maps_caption(12), alt=_maps_alt(12))
@figure("logistic-to-nn/hidden-maps-50", kind="png", hidden=50, caption=_maps_caption(50), alt=_maps_alt(50))
def hidden_maps(ctx):
    h = ctx.params["hidden"]
    rows, cols, height = MAP_LAYOUT[h]
    X, y = data("parabola", ctx.seed)
    net, _ = trained("parabola", h, seed=ctx.seed)
    grid = fields.plane_grid(X, n=100)
    w_out = net.weights[1][0][:, 0]
    order = np.argsort(-np.abs(w_out))[: rows * cols]  # largest outgoing weight first
    values = hidden_outputs(net, grid.points)
    share = contributions(net, values)
    ctx.fact("active", int(np.sum(share >= 0.1 * share.max())))
    ctx.fact("shown", len(order))
    ctx.fact("flat", int(np.sum(values.std(axis=0) < FLAT)))  # maps of nearly one colour over the plane

    # on a phone the maps go under the output
    below = max(210, 90 * rows + 40)
    fig = ctx.figure(height=height, narrow_height=330 + below)
    left, right = ctx.side_by_side(fig, 2, width_ratios=[1.0, 1.45], height_ratios=[330, below])
    ax = left.subplots()
    fields.decision_map(ax, ctx.theme, net.predict_proba, X, y, title="output")
    maps = right.subplots(rows, cols, squeeze=False)
    drawn = fields.neuron_maps(maps, ctx.theme, grid, values[:, order])
    for ax_map, w in zip(maps.flat, w_out[order]):
        ax_map.set_title(f"{w:+.1f}".replace("-", "\u2212") if abs(w) >= 0.05 else "0.0", fontsize=12, pad=2)
    shown = f"the {len(order)} of {h} with the largest weights" if len(order) < h else \
        ("hidden neurons" if h > 1 else "hidden neuron")
    right.suptitle(f"{shown}\n(number: its weight into the output)", fontsize=12)
    right.colorbar(drawn.images[0], ax=maps, shrink=0.8, label="neuron output", ticks=[-1, 0, 1])
    return fig


# ---------------------------------------------------------------- training animations


@figure("logistic-to-nn/boundary-training", kind="anim",
        caption="Inside one network with 12 hidden neurons while it trains: the output (left) is built "
                "from the 12 hidden maps (middle), whose borders turn and slide into place as the loss "
                "falls and the accuracy rises (right). It passes 95% correct at epoch {epoch95}.",
        alt="An animation: a decision boundary bending into a parabola, twelve small maps whose borders "
            "rotate and move, and a loss curve falling while an accuracy curve climbs.")
def boundary_training(ctx):
    h = 12
    X, y = data("parabola", ctx.seed)
    net, hist = trained("parabola", h, seed=ctx.seed)
    epochs = anim_epochs()
    grid = fields.plane_grid(X, n=90)
    loss, acc = per_epoch(hist, "loss"), per_epoch(hist, "accuracy")
    epoch95 = ctx.fact("epoch95", int(np.argmax(acc >= 0.95)))
    shown = net.copy()

    # on a phone: output, maps, curves from top to bottom
    fig = ctx.figure(slot="wide", height=400, narrow_height=700)
    left, middle, right = ctx.side_by_side(fig, 3, width_ratios=[1.25, 0.85, 1.0], height_ratios=[300, 170, 230])
    ax = left.subplots()
    ax.set_box_aspect(1)
    shown.set_weights(hist.weights_at(0))
    # points ringed in the foreground colour: on the saturated fill of their own class they would fade
    field = fields.decision_map(ax, ctx.theme, shown.predict_proba, X, y, grid=grid, title="output",
                                point_size=18, point_edge=ctx.theme.fg)
    maps = middle.subplots(*ctx.pick((4, 3), (2, 6)))
    middle.suptitle("12 hidden neurons", fontsize=12)
    hidden = fields.neuron_maps(maps, ctx.theme, grid, hidden_outputs(shown, grid.points))
    ax_loss, ax_acc = right.subplots(*ctx.pick((2, 1), (1, 2)), sharex=True)
    loss_curve = curves.training_curve(ax_loss, ctx.theme, loss, epochs=np.arange(len(loss)), log_epochs=True)
    acc_curve = curves.training_curve(ax_acc, ctx.theme, acc, epochs=np.arange(len(acc)),
                                      color=ctx.theme.series[1], log_epochs=True)
    ax_loss.set_ylabel("loss")
    ax_acc.set_ylabel("accuracy")
    ax_acc.set_xlabel("epoch (log scale)")
    if ctx.narrow:  # two curves side by side: fewer epoch ticks
        ax_loss.set_xlabel("epoch (log scale)")
        for ax_curve in (ax_loss, ax_acc):
            ax_curve.set_xticks([0, 1, 10, 100], ["0", "1", "10", "100"])
    stamp = fig.suptitle("", fontsize=12, x=0.99, ha="right")

    def update(i):
        e = epochs[i]
        shown.set_weights(hist.weights_at(e))
        field.update(shown.predict_proba(grid.points))
        hidden.update(hidden_outputs(shown, grid.points))
        loss_curve.update(e)
        acc_curve.update(e)
        stamp.set_text(f"epoch {e}")

    update(0)
    freeze_layout(fig)
    return Animation(fig, update, frames=len(epochs), fps=paced_fps(len(epochs)), hold_first=1.5, hold_last=2.0,
                     labels=[f"epoch {e}" for e in epochs], clock="epoch", holds=key_frame(epochs, epoch95))


@figure("logistic-to-nn/hidden-race", kind="anim",
        caption="Five networks on one clock: 0, 1, 2, 12 and 50 hidden neurons train side by side on "
                "the same data with the same settings, frame by frame (titles: accuracy so far). All loss "
                "curves first gather on a plateau near {plateau}, the best a straight line can do; from "
                "about epoch {breakaway} the nets with two or more hidden neurons break away.",
        alt="An animation: five small decision maps evolving together, from a straight line to curved "
            "boundaries, above five loss curves drawn at the same pace in matching colours.")
def hidden_race(ctx):
    X, y = data("parabola", ctx.seed)
    runs = {h: trained("parabola", h, seed=ctx.seed) for h in HIDDEN}
    plateau = np.mean([runs[h][1].loss[9] for h in HIDDEN])
    ctx.fact("plateau", plateau, "{:.2f}")  # the mean loss at epoch 10, while every net is still a line
    breakaway = ctx.fact("breakaway", min(int(np.argmax(np.array(runs[h][1].loss) < plateau - 0.1)) + 1 for h in HIDDEN[2:]))
    epochs = anim_epochs()
    grid = fields.plane_grid(X, n=80)
    # networks by size: an ordered ramp, not class colours; its palest step is dropped, too faint on the
    # background to tell apart from the next one
    colors = dict(zip(HIDDEN, ctx.theme.ordered(len(HIDDEN) + 1)[1:]))

    # on a phone the five maps take two rows (3 + 2) and the legend goes under the curves
    fig = ctx.figure(slot="wide", height=500, narrow_height=640)
    top, bottom = fig.subfigures(2, 1, height_ratios=ctx.pick([1, 1.15], [1.1, 1]))
    tiles = list(top.subplots(*ctx.pick((1, len(HIDDEN)), (2, 3))).flat)
    for spare in tiles[len(HIDDEN):]:
        spare.set_visible(False)
    shown, panels, titles = {}, {}, {}
    for ax, h in zip(tiles, HIDDEN):
        net, hist = runs[h]
        shown[h] = net.copy().set_weights(hist.weights_at(0))
        panels[h] = fields.field_panel(ax, ctx.theme, grid, shown[h].predict_proba(grid.points), X, y, point_size=8)
        titles[h] = ax.set_title("", fontsize=12)  # text in the body colour; the frame carries the net's colour
        for side in ax.spines.values():
            side.set_visible(True)
            side.set_color(colors[h])
            side.set_linewidth(2.0)
    ax_loss = bottom.subplots()
    lines = {}
    for h in HIDDEN:
        hist = runs[h][1]
        ctx.fact(f"loss{h}", hist.loss[-1], "{:.2f}")
        ctx.fact(f"acc{h}", hist.accuracy[-1], "{:.0%}")
        lines[h] = curves.training_curve(ax_loss, ctx.theme, per_epoch(hist, "loss"),
                                         epochs=np.arange(EPOCHS + 1), color=colors[h],
                                         label=ctx.pick(f"{h} hidden" if h else "no hidden layer", str(h)), ghost=False,
                                         log_epochs=True)
    ax_loss.set_ylim(0, None)
    ax_loss.set_xlabel("epoch (log scale)")
    ax_loss.set_ylabel("loss")
    if ctx.narrow:
        bottom.legend(*ax_loss.get_legend_handles_labels(), loc="outside lower center", frameon=False, fontsize=12,
                      ncols=5, title="hidden neurons", title_fontsize=12, columnspacing=1.0, handlelength=1.5)
    else:
        ax_loss.legend(loc="upper right", frameon=False, fontsize=12, ncols=5)
    stamp = fig.suptitle("", fontsize=12, x=0.99, ha="right")

    def update(i):
        e = epochs[i]
        for h in HIDDEN:
            net, hist = runs[h]
            shown[h].set_weights(hist.weights_at(e))
            panels[h].update(shown[h].predict_proba(grid.points))
            acc = per_epoch(hist, "accuracy")[e]
            titles[h].set_text(f"{h} hidden: {acc:.0%}" if h else f"no hidden: {acc:.0%}")
            lines[h].update(e)
        stamp.set_text(f"epoch {e}")

    update(0)
    freeze_layout(fig)
    return Animation(fig, update, frames=len(epochs), fps=paced_fps(len(epochs)), hold_first=1.5, hold_last=2.0,
                     labels=[f"epoch {e}" for e in epochs], clock="epoch", holds=key_frame(epochs, breakaway))
