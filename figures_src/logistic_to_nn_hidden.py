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
    field = fields.decision_map(ax, ctx.theme, net.predict_proba, X, y,
                                title=f"{h} hidden neuron{'s' * (h != 1)}" if h else "no hidden layer")
    fields.probability_key(fig, field, ax)
    return fig


@figure("logistic-to-nn/hidden-grid", kind="png",
        caption="The five networks side by side, all trained the same way for {epochs} epochs. Accuracy "
                "climbs from {acc0} with no hidden layer to {acc50} with 50 hidden neurons (the bars, "
                "from zero). The dashed line is {baseline}, what always answering the larger class gets; the "
                "dotted one is {border}, what the true parabola gets on these noisy labels. The 12- and "
                "50-neuron nets score above it: they have begun to fit the noise.",
        alt="Five small decision maps of the parabola data, from a straight boundary to a smooth curve, "
            "and a bar chart of accuracy against the number of hidden neurons.")
def hidden_grid(ctx):
    X, y = data("parabola", ctx.seed)
    grid = fields.plane_grid(X, n=120)
    ctx.fact("epochs", EPOCHS)
    baseline = max(np.mean(y), 1 - np.mean(y))  # always answering the larger class
    border = np.mean((X[:, 1] > X[:, 0] ** 2 - 1) == (y == 1))  # the true border on the noisy labels
    ctx.fact("baseline", baseline, "{:.1%}")
    ctx.fact("border", border, "{:.1%}")
    # a grid of equal cells (equal gaps): five maps and the bars, the bars' y axis inside their cell;
    # 2 x 3 on the page, 3 x 2 on a phone
    fig, axes = ctx.subplots(*ctx.pick((2, 3), (3, 2)), height=470, narrow_height=640)
    accuracies = []
    for ax, h in zip(axes.flat, HIDDEN):
        net, _ = trained("parabola", h, seed=ctx.seed)
        accuracies.append(net.accuracy(X, y))
        ctx.fact(f"acc{h}", accuracies[-1], "{:.0%}")
        field = fields.field_panel(ax, ctx.theme, grid, net.predict_proba(grid.points), X, y, point_size=6)
        ax.set_title(f"{h} hidden" if h else "no hidden layer", fontsize=12)
    bars = axes.flat[-1]
    colors = dict(zip(HIDDEN, ctx.theme.ordered(len(HIDDEN) + 1)[1:]))  # networks by size, as in the race
    bars.bar(range(len(HIDDEN)), accuracies, color=[colors[h] for h in HIDDEN], width=0.7)
    bars.set_xticks(range(len(HIDDEN)), [str(h) for h in HIDDEN])
    for i, a in enumerate(accuracies):
        bars.text(i, a + 0.02, f"{a:.0%}", ha="center", va="bottom", fontsize=12)
    bars.axhline(baseline, color=ctx.theme.fg, lw=1.0, ls="--", zorder=3)
    bars.axhline(border, color=ctx.theme.fg, lw=1.0, ls=":", zorder=3)
    bars.set_ylim(0, 1.18)
    # ticks on the right and a title instead of a y label: the bars' cell needs no room on its left, so
    # the gaps between the three columns are equal
    bars.set_yticks([0, 0.5, 1], ["0", "50%", "100%"])
    bars.yaxis.tick_right()
    bars.spines[["left"]].set_visible(False)
    bars.spines[["right"]].set_visible(True)
    bars.set_box_aspect(1)
    bars.set_xlabel("hidden neurons")
    bars.set_title("accuracy", fontsize=12)
    fields.probability_key(fig, field, list(axes.flat[:-1]), shrink=0.6)
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
    # no "left" or "right": on a phone the panels stand one above the other
    return ("The map titled output is the network's, shaded by its probability of class 1. Beside or under it: "
            + who + " over the same plane, green where it outputs +1, purple where −1 (a neuron's own colours: its output is a "
            "feature, not a class); the thin line is where it changes sign. Above each map: the weight the "
            "output neuron gives it" + order + "." + busy)


def contributions(net, values):
    """How much each hidden neuron moves the output: |outgoing weight| x spread of its map."""
    return np.abs(net.weights[1][0][:, 0]) * values.std(axis=0)


def _maps_alt(h):
    rows, cols, _ = MAP_LAYOUT[h]
    n = min(h, rows * cols)  # the maps drawn
    split = ("most split by a soft straight border into a green and a purple side, one or more nearly one "
             "colour all over") if h >= 12 else "each split by a soft straight border into a green and a purple side"
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
    field = fields.decision_map(ax, ctx.theme, net.predict_proba, X, y, title="output")
    fields.probability_key(left, field, ax, location="bottom", shrink=0.7, aspect=25)
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
        caption="Inside one network with 12 hidden neurons while it trains: the output map is built "
                "from the 12 hidden maps (in the order of the still above, each under its current weight "
                "into the output), whose borders turn and slide into place as the loss falls and the accuracy "
                "rises (the two curves). It passes 95% correct at epoch {epoch95}.",
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
    fields.probability_key(left, field, ax, location="bottom", shrink=0.7, aspect=25)
    maps = middle.subplots(*ctx.pick((4, 3), (2, 6)))
    middle.suptitle(ctx.pick("12 hidden neurons\n(number: weight into the output)",
                             "12 hidden neurons (number: weight into the output)"), fontsize=12)
    # in the order of the still hidden-maps-12 (largest final outgoing weight first), so the last frame matches it
    order = np.argsort(-np.abs(net.weights[1][0][:, 0]))
    hidden = fields.neuron_maps(maps, ctx.theme, grid, hidden_outputs(shown, grid.points)[:, order])
    weights = [ax_map.set_title("", fontsize=12, pad=2) for ax_map in maps.flat]
    middle.colorbar(hidden.images[0], ax=maps, location="bottom", shrink=0.8, aspect=25, ticks=[-1, 0, 1],
                    label="neuron output").outline.set_visible(False)
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
        hidden.update(hidden_outputs(shown, grid.points)[:, order])
        for title, w in zip(weights, shown.weights[1][0][order, 0]):
            title.set_text(f"{w:+.1f}".replace("-", "\u2212") if abs(w) >= 0.05 else "0.0")
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
                "curves first gather on a plateau near {plateau}, where logistic regression stays (it ends at "
                "{loss0}); from about epoch {breakaway} the nets with two or more hidden neurons break away. "
                "Each curve is named at its end.",
        alt="An animation: five small decision maps evolving together, from a straight line to curved "
            "boundaries, above five loss curves drawn at the same pace in matching colours.")
def hidden_race(ctx):
    X, y = data("parabola", ctx.seed)
    runs = {h: trained("parabola", h, seed=ctx.seed) for h in HIDDEN}
    plateau = np.mean([runs[h][1].loss[9] for h in HIDDEN])
    ctx.fact("plateau", plateau, "{:.2f}")  # the mean loss at epoch 10, while every net is still a line
    # the epoch each net's loss first falls 0.1 below the plateau (the nets with 2 or more hidden neurons)
    leaves = {h: int(np.argmax(np.array(runs[h][1].loss) < plateau - 0.1)) + 1 for h in HIDDEN[2:]}
    for h, epoch in leaves.items():
        ctx.fact(f"leave{h}", epoch)
    breakaway = ctx.fact("breakaway", min(leaves.values()))
    epochs = anim_epochs()
    grid = fields.plane_grid(X, n=80)
    # five networks, five hues told apart at a glance (none a class colour), each curve named at its end
    colors = dict(zip(HIDDEN, (ctx.theme.series[2], ctx.theme.series[3], ctx.theme.series[1],
                               ctx.theme.series[0], ctx.theme.series[4])))

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
    # the key beside the maps; on a phone under them, where it leaves the tiles the width
    fields.probability_key(top, panels[HIDDEN[-1]], tiles[:len(HIDDEN)], shrink=ctx.pick(0.85, 0.7),
                           aspect=ctx.pick(12, 25), location=ctx.pick("right", "bottom"))
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
    names = curves.end_labels(ax_loss, ctx.theme, [f"{h} hidden" if h else "no hidden" for h in HIDDEN],
                              [colors[h] for h in HIDDEN])
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
        names.update([per_epoch(runs[h][1], "loss")[e] for h in HIDDEN])
        stamp.set_text(f"epoch {e}")

    update(0)
    freeze_layout(fig)
    return Animation(fig, update, frames=len(epochs), fps=paced_fps(len(epochs)), hold_first=1.5, hold_last=2.0,
                     labels=[f"epoch {e}" for e in epochs], clock="epoch", holds=key_frame(epochs, breakaway))


# ---------------------------------------------------------------- the hidden space


MORPH_FRAMES = 40  # frames of the bend from the input plane to the hidden space


def hidden_space_path(net, points, t):
    """`points` (n, 2) of the input plane carried a share `t` (0..1) of the way to the hidden space
    of the 2-neuron `net`: (1 - t) x + t h(x), with h the hidden layer's outputs."""
    return (1 - t) * points + t * hidden_outputs(net, points)


def input_lines(X, n_lines=9, n_points=120):
    """Lines of constant x1 and of constant x2 across the data's plane, each (n_points, 2)."""
    grid = fields.plane_grid(X, n=n_points)
    lo, hi = grid.points.min(axis=0), grid.points.max(axis=0)
    ts = np.linspace(0, 1, n_points)
    lines = []
    for k in range(2):
        for c in np.linspace(lo[k], hi[k], n_lines):
            line = np.empty((n_points, 2))
            line[:, k] = c
            line[:, 1 - k] = lo[1 - k] + ts * (hi[1 - k] - lo[1 - k])
            lines.append(line)
    return lines


def boundary_points(net, X, n=400):
    """The input-plane decision boundary (p = 0.5) of `net` as a list of (m, 2) vertex arrays."""
    import matplotlib.figure
    grid = fields.plane_grid(X, n=n)
    p = grid.image(net.predict_proba(grid.points))
    contour = matplotlib.figure.Figure().subplots().contour(grid.x1, grid.x2, p, levels=[0.5])
    return [seg for seg in contour.allsegs[0] if len(seg) > 1]


@figure("logistic-to-nn/hidden-space", kind="anim",
        caption="What the two hidden neurons do to the data: every point x = (x1, x2) slides to the pair "
                "of hidden outputs h = (h1, h2) the net computes for it, and the grey grid of the input plane "
                "bends with it. The V-shaped boundary of the input plane (black) straightens into a line: in "
                "the hidden space the output neuron is plain logistic regression, {w1} h1 {w2} h2 {b} = 0, and "
                "that straight line puts {accuracy} of the points on their side.",
        alt="An animation: the parabola data on a square grid; the grid folds and squeezes into a smaller "
            "square while the points move with it, and the bent boundary between the classes becomes a "
            "straight line with one class on each side.")
def hidden_space(ctx):
    th = ctx.theme
    X, y = data("parabola", ctx.seed)
    net, _ = trained("parabola", 2, seed=ctx.seed)
    (w_out, b_out) = net.weights[1]
    H = hidden_outputs(net, X)
    z = H @ w_out[:, 0] + b_out[0]  # the output neuron's sum, linear in h
    ctx.fact("w1", w_out[0, 0], "{:+.2f}")
    ctx.fact("w2", w_out[1, 0], "{:+.2f}")
    ctx.fact("b", b_out[0], "{:+.2f}")
    ctx.fact("accuracy", float(np.mean((z > 0) == (y == 1))), "{:.1%}")
    ctx.fact("hidden2_accuracy", net.accuracy(X, y), "{:.1%}")  # the same number: the line is the net's boundary

    ease = lambda s: s * s * (3 - 2 * s)  # noqa: E731  (slow start and end, smoothstep)
    ts = np.concatenate([np.zeros(1), ease(np.linspace(0, 1, MORPH_FRAMES)), np.ones(1)])
    lines = input_lines(X)
    border = boundary_points(net, X)
    lo_in, hi_in = X.min(axis=0) - 0.25, X.max(axis=0) + 0.25
    lo_h, hi_h = np.array([-1.15, -1.15]), np.array([1.15, 1.15])

    fig, ax = ctx.subplots(width=540, height=520, narrow_height=410)
    ax.set_box_aspect(1)
    # the output neuron's line w1 h1 + w2 h2 + b = 0 across the whole hidden square, shown once there
    h1 = np.array([lo_h[0], hi_h[0]])
    full_line, = ax.plot(h1, -(b_out[0] + w_out[0, 0] * h1) / w_out[1, 0], color=th.fg, lw=1.2, ls="--",
                         zorder=3, visible=False)
    grid_lines = [ax.plot([], [], color=th.grid, lw=0.8, zorder=1)[0] for _ in lines]
    dots = fields.scatter_classes(ax, th, X, y, size=14)
    border_lines = [ax.plot([], [], color=th.fg, lw=2.0, zorder=4)[0] for _ in border]
    ax.plot([], [], color=th.fg, lw=2.0, label="decision boundary (p = 0.5)")
    # the legend under the plot and the stage as its title: inside the square a stamp covered points
    fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncols=ctx.pick(3, 2), frameon=False)
    stamp = ax.set_title("", fontsize=13)

    def update(i):
        t = ts[i]
        for line, artist in zip(lines, grid_lines):
            artist.set_data(*hidden_space_path(net, line, t).T)
        for k, pts in enumerate((X[y == 0], X[y == 1])):
            dots[k].set_offsets(hidden_space_path(net, pts, t))
        for seg, artist in zip(border, border_lines):
            artist.set_data(*hidden_space_path(net, seg, t).T)
        lo, hi = (1 - t) * lo_in + t * lo_h, (1 - t) * hi_in + t * hi_h
        ax.set_xlim(lo[0], hi[0])
        ax.set_ylim(lo[1], hi[1])
        full_line.set_visible(t == 1)
        if t == 0:
            ax.set_xlabel("$x_1$")
            ax.set_ylabel("$x_2$")
            stamp.set_text("the input plane (x1, x2)")
        elif t == 1:
            ax.set_xlabel("$h_1$ (hidden neuron 1)")
            ax.set_ylabel("$h_2$ (hidden neuron 2)")
            stamp.set_text("the hidden space (h1, h2)")
        else:  # the axes stay named on the way: each carries its input into its hidden neuron
            ax.set_xlabel("$x_1$ \u2192 $h_1$")
            ax.set_ylabel("$x_2$ \u2192 $h_2$")
            stamp.set_text(f"on the way: {t:.0%}")

    update(0)
    labels = ["input plane"] + [f"bent {t:.0%}" for t in ts[1:-1]] + ["hidden space"]
    # laid out per frame: the axes' ranges, ticks and names change on the way
    return Animation(fig, update, frames=len(ts), fps=12, hold_first=2.0, hold_last=3.0,
                     labels=labels, clock="bend", fixed_layout=False)
