"""Forward propagation and learning, animated on the chapter's 5-2-2-1 net:
- forward-pass: the example flowing through the net, each layer lighting up with its activations;
- backprop-errors: the backward pass on the diagram: each neuron's error (its share of the blame)
  from the engine's own chain rule, then the weight changes they call for.

The net and its still figures are drawn by learning.py; the net itself is _learning_net.py.
"""
from __future__ import annotations

import numpy as np

from nnviz.build import figure
from nnviz.render import Animation, diagrams
from nnviz.render.plots import descent
from nnviz.render.theme import number
from matplotlib.colors import ListedColormap

from _learning_net import BACKPROP_LR, SAMPLE, SIZES, TARGET, backprop_errors, example_net, mse, weight_gradients

# ------------------------------------------------------------------------- forward pass (anim)

ACTIVATION_KEY = "node fill: activation, dark 0 to bright 1      edge: weight, orange +, blue \u2212, width = size"
# CSS px: 848 image px (a multiple of 16, for the video encoder); with DIAGRAM_SPACING it leaves room for
# 12-px numbers such as -0.295 inside the nodes
DIAGRAM_HEIGHT = 424
DIAGRAM_SPACING = (2.4, 1.0)  # (between layers, between nodes) in node gaps: narrow enough for the labels beside


def _pulse_positions(d, layer, t):
    """Points a fraction t along every edge into `layer` (for signals travelling along them)."""
    return np.array([np.add(e.ends[0], t * np.subtract(e.ends[1], e.ends[0]))
                     for k, e in d.edges.items() if k[0] == layer])


def _plain_nodes(d, theme):
    """Every node unfilled (no role tint), so that in an animation a fill always means a value."""
    for node in d.nodes.values():
        node.face = theme.bg
        node.patch.set_facecolor(theme.bg)


def _timeline(schedule):
    """[(phase, frame within phase)] for a schedule [(phase, number of frames), ...]."""
    return [(phase, j) for phase, n in schedule for j in range(n)]


LAYER_NAMES = ["first hidden layer", "second hidden layer", "output"]


def _phases(steps, hold=1.0):
    """The player's clock for a timeline ("phase 2 of 6, frame 3 of 9: output") and a pause at the end of each
    phase. A phase of several frames counts them, so each press of the step key names a new frame."""
    names = list(dict.fromkeys(phase for phase, _ in steps))
    text = lambda p: p if isinstance(p, str) else f"{p[0]} {p[1]}"  # noqa: E731
    count = {p: sum(q == p for q, _ in steps) for p in names}
    nth = [sum(q == p for q, _ in steps[:i + 1]) for i, (p, _) in enumerate(steps)]
    labels = [f"phase {names.index(p) + 1} of {len(names)}" + (f", frame {k} of {count[p]}" if count[p] > 1 else "")
              + f": {text(p)}" for (p, _), k in zip(steps, nth)]
    ends = {i: hold for i in range(len(steps) - 1) if steps[i][0] != steps[i + 1][0]}
    return {"labels": labels, "holds": ends}


@figure("learning/forward-pass", kind="anim", seed=0,
        caption="Forward propagation: the five inputs enter on the left; each layer computes "
                "[W] @ [X] + [Bias] = [Z] from what it receives, applies the sigmoid, [A] = \u03c3([Z]), and "
                "its neurons light up with the result, until the output says {output}.",
        alt="Animation on the 5-2-2-1 network diagram: the input nodes fill with their values, dots travel "
            "along the edges to the first hidden layer whose nodes then fill with colour and numbers, and "
            "so on through the second hidden layer to the output.")
def forward_pass(ctx):
    # data and model
    net = example_net()
    acts = [a[0] for a in net.forward(SAMPLE, return_all=True)]
    ctx.fact("output", acts[-1][0], "{:.2f}")

    # draw: the diagram, moving dots for the signals, a colour key on top and a narration below
    th = ctx.theme
    fig, ax = ctx.subplots(height=DIAGRAM_HEIGHT, narrow_height=DIAGRAM_HEIGHT)
    ctx.keep_wrapped(fig.suptitle(ACTIVATION_KEY, fontsize=12, color=th.muted), lines=2)  # on a phone: lines
    say = ctx.keep_wrapped(fig.supxlabel("second hidden layer: weigh and add, [W] @ [X] + [Bias] = [Z]", fontsize=13),
                           lines=2)
    d = diagrams.draw_network(ax, net, th, layer_labels=True, label_pos="outside", fontsize=13,
                              spacing=ctx.pick(DIAGRAM_SPACING, (1.5, 1.0)))
    _plain_nodes(d, th)  # a node is filled only once its activation is known
    (pulses,) = ax.plot([], [], "o", color=th.fg, markersize=6, zorder=6)  # neutral: colours here mean a sign
    descent.freeze_layout(fig)

    steps = _timeline([("inputs", 6)] + [(p, n) for l in range(1, len(SIZES))
                                         for p, n in ((("travel", l), 9), (("fill", l), 5))] + [("done", 6)])

    def update(i):
        phase, j = steps[i]
        d.clear_values()
        d.set_node_values(0, acts[0], vmin=0, vmax=1, cmap=th.cmap_seq)
        pulses.set_data([], [])
        if phase == "inputs":
            d.highlight(layers=[0])
            say.set_text("the example's five inputs [X] enter on the left")
            return
        if phase == "done":
            for l in range(1, len(SIZES)):
                d.set_node_values(l, acts[l], vmin=0, vmax=1, cmap=th.cmap_seq)
            d.reset_highlight()
            say.set_text(f"the network's answer: {acts[-1][0]:.2f}")
            return
        step, layer = phase
        for l in range(1, layer + (step == "fill")):
            d.set_node_values(l, acts[l], vmin=0, vmax=1, cmap=th.cmap_seq)
        d.highlight(layers=list(range(layer + 1)), edges=[e for e in d.edges if e[0] == layer])
        if step == "travel":
            pts = _pulse_positions(d, layer, (j + 1) / 10)
            pulses.set_data(pts[:, 0], pts[:, 1])
            say.set_text(f"{LAYER_NAMES[layer - 1]}: weigh and add, [W] @ [X] + [Bias] = [Z]")
        else:
            say.set_text(f"{LAYER_NAMES[layer - 1]}: squash with the sigmoid, [A] = \u03c3([Z])")

    return Animation(fig, update, frames=len(steps), fps=8, hold_last=2.0, clock="phase", **_phases(steps))


# ------------------------------------------------------------------------- backpropagation (anim)

FORWARD_KEY = "numbers beside the neurons: activations a      edge width: size of the weight"
ERROR_KEY = "node fill and number: error \u03b4, a colour scale per layer (below) (blue < 0: z should rise, orange > 0: fall)"
UPDATE_KEY = "edge number: weight change \u0394W; colour: orange up, blue down, a scale per layer      node number: \u03b4"


def _plain_edges(d, params, theme, below=None):
    """Edges in the neutral edge colour, width by |weight| (all of them, or those into layers < `below`):
    no colour, so that colour can mean the error and the weight change."""
    top = max(float(np.abs(W).max()) for W, _ in params)
    for (l, i, j), e in d.edges.items():
        if below is not None and l >= below:
            continue
        e.base = (theme.roles["edge"], 0.6 + 2.4 * abs(params[l - 1][0][i, j]) / top)
        e.line.set(color=e.base[0], linewidth=e.base[1])


def _activation_labels(acts, short=False):
    """Per layer: the texts beside the nodes (inputs: x_i = value; others: a = value, output: y-hat);
    `short` (on a phone): the values alone beside the hidden neurons and the inputs."""
    out = [[f"{v:.2f}" if short else f"$x_{{{i + 1}}}$ = {v:.2f}" for i, v in enumerate(acts[0])]]
    out += [[f"{v:.2f}" if short else f"a = {v:.2f}" for v in a] for a in acts[1:-1]]
    return out + [[f"$\\hat{{y}}$ = {acts[-1][0]:.4f}"]]


@figure("learning/backprop-errors", kind="anim", seed=0,
        caption="Backpropagation on the example. The output says {before} where the target is 1, a squared "
                "error of {loss_before}. That error is handed back through the same weights: each neuron's "
                "number is its own error \u03b4 = \u2202C/\u2202z, exactly as the engine's backward pass "
                "computes it. It shrinks on its way back, from {output_error_size} at the output to at most "
                "{hidden1_error} in the first hidden layer, about {error_ratio} times smaller, so each layer gets "
                "its own colour scale (under its name): the first layer's blame is small but not zero, and its "
                "larger share goes to the neuron whose weight and slope pass more of it back. Then every weight "
                "moves by \u2212{lr} \u00d7 (activation sending) \u00d7 (error receiving), written on its edge "
                "(from {change_out} into the output down to {change_hidden1_min} in the first layer), and the "
                "same example costs {loss_after}.",
        alt="Animation on the 5-2-2-1 network diagram, activations written beside the nodes. The output node "
            "fills blue with its error, dots travel backwards along the edges and each hidden layer's nodes "
            "fill with their errors and numbers, each layer on its own colour scale; then the edges turn "
            "orange or blue and carry their weight changes as numbers, layer by layer from the output; "
            "finally the new forward pass and the smaller cost are shown.")
def backprop_errors_anim(ctx):
    # data and model: forward pass, every neuron's error by the chain rule, one gradient step
    net = example_net()
    acts = [a[0] for a in net.forward(SAMPLE, return_all=True)]
    deltas = [d[0] for d in backprop_errors(net, SAMPLE, TARGET)]
    updates = [(-BACKPROP_LR * dW, -BACKPROP_LR * db)
               for dW, db in weight_gradients(net, SAMPLE, [d[None, :] for d in deltas])]
    after = net.with_weights([(W + dW, b + db) for (W, b), (dW, db) in zip(net.weights, updates)])
    new = [a[0] for a in after.forward(SAMPLE, return_all=True)]
    loss_before, loss_after = mse(acts[-1], TARGET), mse(new[-1], TARGET)
    # four decimals: the printed output then gives the printed cost by hand, (0.3076 - 1)^2 = 0.479 (with three,
    # (0.640 - 1)^2 = 0.1296 read as 0.130 against the true 0.129)
    ctx.fact("before", acts[-1][0], "{:.4f}")
    ctx.fact("after", new[-1][0], "{:.4f}")
    ctx.fact("loss_before", loss_before, "{:.3f}")
    ctx.fact("loss_after", loss_after, "{:.3f}")
    ctx.fact("lr", BACKPROP_LR, "{:g}")
    ctx.fact("output_error", deltas[-1][0], "{:+.3f}")
    ctx.fact("output_error_size", abs(deltas[-1][0]), "{:.3f}")
    ctx.fact("hidden2_error", np.abs(deltas[1]).max(), "{:.3f}")
    ctx.fact("hidden1_error", np.abs(deltas[0]).max(), "{:.3f}")
    ctx.fact("change_out", np.abs(updates[-1][0]).max(), "{:.3f}")
    ctx.fact("change_hidden1", np.abs(updates[0][0]).max(), "{:.3f}")
    ctx.fact("change_hidden1_min", np.abs(updates[0][0]).min(), "{:.4f}")
    ctx.fact("error_ratio", abs(deltas[-1][0]) / np.abs(deltas[0]).max(), "{:.0f}")

    # draw: the diagram, dots for the travelling errors, a colour key on top and a narration below
    th = ctx.theme
    L = len(SIZES) - 1
    # a colour scale per layer (each layer's largest error and weight change in full colour): on one
    # scale the first layer's errors, about ten times smaller than the output's, were white discs
    err_top = [float(np.abs(dl).max()) for dl in deltas]
    scaled_updates = [(dW / np.abs(dW).max(), db) for dW, db in updates]
    fig, ax = ctx.subplots(height=DIAGRAM_HEIGHT, narrow_height=DIAGRAM_HEIGHT)
    key = ctx.keep_wrapped(fig.suptitle(ERROR_KEY, fontsize=12, color=th.muted), lines=3)  # on a phone: lines
    say = ctx.keep_wrapped(fig.supxlabel(r"hidden layer 2: $\delta_j = \sigma'(z_j)\,\Sigma_k\, W_{j,k}\,\delta_k$",
                                         fontsize=13), lines=2)
    labels = _activation_labels(acts, short=ctx.narrow)
    layer_names = ["input"] + [f"{name}\n{ctx.pick('error colour ', '')}\u00b1{top:.3f}" for name, top in
                               zip(["hidden 1", "hidden 2", "output"], err_top)]
    d = diagrams.draw_network(ax, net, th, layer_labels=layer_names, label_pos="outside", fontsize=13,
                              spacing=ctx.pick(DIAGRAM_SPACING, (1.1, 1.0)), labels=[labels[0], None, None, labels[-1]],
                              notes={(l, i): labels[l][i] for l in range(1, L) for i in range(SIZES[l])})
    _plain_nodes(d, th)  # a fill always means an error, never a role
    (pulses,) = ax.plot([], [], "o", color=th.fg, markersize=6, zorder=6)  # neutral: colours here mean a sign
    # the weight change of every edge as a number on the edge: halfway into the output, else 0.3 of the way
    # from the sender; the first layer's edges into the lower neuron further on (0.7), so that the two
    # neurons' numbers stand in two columns instead of one crowded one
    changes = {}
    for (l, i, j), e in d.edges.items():
        if ctx.narrow and l < L:  # on a phone the hidden layers' numbers do not fit between the nodes: colour,
            continue                # and the range in the narration
        (xa, ya), (xb, yb) = e.ends
        t = 0.5 if l == L else (0.3 + 0.4 * j if l == 1 else 0.3)
        changes[(l, i, j)] = ax.text(xa + t * (xb - xa), ya + t * (yb - ya), number(updates[l - 1][0][i, j], "{:+.3f}"),
                                     ha="center", va="center", fontsize=12, color=th.fg, zorder=7, visible=False,
                                     bbox=dict(boxstyle="round,pad=0.15", facecolor=th.bg, edgecolor="none", alpha=0.9))
    no_fill = ListedColormap([th.bg])  # in the update phases colour means the weight change only
    descent.freeze_layout(fig)

    steps = _timeline([("forward", 8), ("output", 8)]
                      + [(p, n) for l in range(L - 1, 0, -1) for p, n in ((("travel", l), 8), (("fill", l), 5))]
                      + [(("update", l), 6) for l in range(L, 0, -1)] + [("after", 10)])

    def show_activations(state):
        texts = _activation_labels(state, short=ctx.narrow)
        for l in range(1, L):
            for i in range(SIZES[l]):
                d.nodes[(l, i)].note.set_text(texts[l][i])
        d.nodes[(L, 0)].label.set_text(texts[L][0])

    def show_errors(layers, fill=True):
        for l in layers:
            top = err_top[l - 1]
            d.set_node_values(l, deltas[l - 1], vmin=-top, vmax=top, cmap=th.cmap_div if fill else no_fill,
                              fmt="{:.3f}")

    def update(i):
        phase, j = steps[i]
        d.clear_values()
        _plain_edges(d, net.weights, th)
        d.reset_highlight()
        show_activations(acts)
        pulses.set_data([], [])
        for text in changes.values():
            text.set_visible(False)
        key.set_text(ERROR_KEY)
        if phase in ("forward", "after"):
            state = acts if phase == "forward" else new
            if phase == "after":
                _plain_edges(d, after.weights, th)
                show_activations(new)
            key.set_text(FORWARD_KEY)
            say.set_text(("after one step: " if phase == "after" else "forward pass: ")
                         + f"output {state[-1][0]:.4f}, target 1, cost ({state[-1][0]:.4f} \u2212 1)\u00b2"
                         f" \u2248 {mse(state[-1], TARGET):.3f}")
            return
        if phase == "output":
            show_errors([L])
            d.highlight(layers=[L])
            say.set_text(r"the output's error: $\delta = 2\,(\hat{y} - y)\,\hat{y}\,(1 - \hat{y})$ = "
                         + f"{deltas[-1][0]:+.3f}".replace("-", "\u2212"))
            return
        step, layer = phase
        if step in ("travel", "fill"):
            show_errors(range(L, layer - (step == "fill"), -1))
            d.highlight(layers=[layer, layer + 1], edges=[e for e in d.edges if e[0] == layer + 1])
            if step == "travel":
                pts = _pulse_positions(d, layer + 1, 1 - (j + 1) / 9)
                pulses.set_data(pts[:, 0], pts[:, 1])
            say.set_text(f"hidden layer {layer}: " + r"$\delta_j = \sigma'(z_j)\,\Sigma_k\, W_{j,k}\,\delta_k$")
            return
        # step == "update": weight changes drawn from the output layer down to `layer`
        show_errors(range(1, L + 1), fill=False)
        d.set_edge_weights(scaled_updates, vmax=1.0)
        _plain_edges(d, net.weights, th, below=layer)  # layers not updated yet keep their neutral edges
        for (l, _, _), text in changes.items():
            text.set_visible(l >= layer)
        d.highlight(layers=range(layer - 1, L + 1), edges=[e for e in d.edges if e[0] >= layer])  # updated so far
        key.set_text(UPDATE_KEY)
        rule = r"$\Delta W_{j,k} = -\eta\,a_j\,\delta_k$" + f", \u03b7 = {BACKPROP_LR:g}"
        if ctx.narrow and layer < L:
            low, high = (number(v, "{:+.3f}") for v in (updates[layer - 1][0].min(), updates[layer - 1][0].max()))
            say.set_text(f"into hidden {layer}: {rule}\n(changes {low} to {high})")
        elif ctx.narrow:
            say.set_text(f"into the output: {rule}")
        else:
            say.set_text(f"weights into {'the output' if layer == L else f'hidden layer {layer}'}: {rule}")

    # the still: the last update frame, with every error and every weight change on show
    poster = max(i for i, (phase, _) in enumerate(steps) if phase == ("update", 1))
    return Animation(fig, update, frames=len(steps), fps=6, hold_last=2.5, poster=poster, clock="phase",
                     **_phases(steps))
